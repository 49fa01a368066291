import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** A card to save, created in the browser by Stripe.js. */
export type AddPaymentMethodInput = {
  /** Make it the default card. The first card saved always is. */
  setAsDefault?: InputMaybe<Scalars['Boolean']['input']>;
  /** The seti_… id of the card setup (from createCardSetup) that Stripe.js confirmed with this card, 3-D Secure included. The server checks with Stripe that it is this customer's, succeeded and saved this card. Without it, the card is attached directly (no 3-D Secure on save). */
  setupIntentId?: InputMaybe<Scalars['String']['input']>;
  /** The pm_… id of the card: the one Stripe.js created from the card details, or the one the SetupIntent named by setupIntentId saved. */
  stripePaymentMethodId: Scalars['String']['input'];
};

/** The saved card, or why it could not be saved. */
export type AddPaymentMethodResult = CardManagementNotAllowedError | PaymentMethod | PaymentMethodRejectedError;

/** One of your organization's admin API keys, without its secret. */
export type AdminApiKey = {
  __typename?: 'AdminApiKey';
  /** When the key was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** True for the key this request was made with. */
  current: Scalars['Boolean']['output'];
  /** When the key stops working; null for a key that never expires. */
  expiresAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Pass to revokeAdminApiKey. */
  id: Scalars['ID']['output'];
  /** Its last use, written up to TOKEN_USAGE_FLUSH_MS after it; null before the first. */
  lastUsedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** What the operator who created it called it, e.g. "billing-sync". */
  name: Scalars['String']['output'];
  /** When it was revoked; null while it was not. */
  revokedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Whether the key still works. */
  status: AdminApiKeyStatus;
};

/** Whether an admin API key still works. */
export type AdminApiKeyStatus =
  /** It works (until expiresAt, when it has one). */
  | 'ACTIVE'
  /** Past expiresAt: it no longer works. */
  | 'EXPIRED'
  /** It was revoked: it no longer works. */
  | 'REVOKED';

/** An invoice's money as an admin reconciles it. */
export type AdminInvoice = {
  __typename?: 'AdminInvoice';
  /** total − amountPaid − amountRefunded while OPEN, never below zero; zero once PAID or VOID. */
  amountDue: Money;
  /** Received and kept: payments net of refunds and of funds disputes withdrew (and anything recorded as paid elsewhere). */
  amountPaid: Money;
  /** Given back by refunds on its payments: money the customer does not owe again. */
  amountRefunded: Money;
  /** Lowercase ISO 4217 code of every amount on the invoice. */
  currency: Scalars['String']['output'];
  /** The customer billed. */
  customerId: Scalars['ID']['output'];
  /** When payment is due. */
  dueAt: Scalars['DateTimeISO']['output'];
  /** Pass to invoicePayments or voidInvoice. */
  id: Scalars['ID']['output'];
  /** When it was issued. */
  issuedAt: Scalars['DateTimeISO']['output'];
  /** The business's invoice number, unique within the organization. */
  number: Scalars['String']['output'];
  /** Open and past dueAt, by the server's clock. */
  overdue: Scalars['Boolean']['output'];
  /** OPEN (owed), PAID or VOID. A dispute that takes money back reopens a PAID invoice. */
  status: InvoiceStatus;
  /** The sum of its line items. */
  total: Money;
  /** When an admin voided it; null unless VOID through voidInvoice. */
  voidedAt: Maybe<Scalars['DateTimeISO']['output']>;
};

/** A page of a customer's invoices, newest issued first (a Relay cursor connection). */
export type AdminInvoiceConnection = {
  __typename?: 'AdminInvoiceConnection';
  /** The invoices of this page, newest issued first. */
  edges: Array<AdminInvoiceEdge>;
  /** Whether there is more, and the cursors to get it. */
  pageInfo: PageInfo;
};

/** An invoice in a page of customerInvoices. */
export type AdminInvoiceEdge = {
  __typename?: 'AdminInvoiceEdge';
  /** Opaque position of this invoice; pass as customerInvoices(after:) to continue after it. */
  cursor: Scalars['String']['output'];
  /** The invoice. */
  node: AdminInvoice;
};

/** What revoking an admin API key would cost. */
export type AdminKeyRevocationConsequence =
  /** The organization has no active admin API key left; only an operator can create one, with the CLI. */
  | 'LEAVES_NO_ACTIVE_KEY'
  /** The key making the request stops working: the next request with it is refused. */
  | 'REVOKES_OWN_KEY';

/** A payment as an admin reconciles it: the money received, and all that happened to it since. */
export type AdminPayment = {
  __typename?: 'AdminPayment';
  /** What was received, before refunds and disputes. */
  amount: Money;
  /** What its disputes withdrew and did not reinstate. */
  amountDisputed: Money;
  /** What its pending and succeeded refunds give back. */
  amountRefunded: Money;
  /** The card network, e.g. "visa"; null when the provider did not say. */
  cardBrand: Maybe<Scalars['String']['output']>;
  /** The card's last four digits; null when the provider did not say. */
  cardLast4: Maybe<Scalars['String']['output']>;
  /** When the payment was recorded. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Its disputes and inquiries, oldest first. */
  disputes: Array<Dispute>;
  /** Stable id of the payment: pass to refundPayment. */
  id: Scalars['ID']['output'];
  /** The invoice it paid. */
  invoiceId: Scalars['ID']['output'];
  /** Why an admin should look at it now; empty when nothing needs doing. */
  needsAttention: Array<PaymentAttention>;
  /** Received beyond what was due when it was recorded; null when nothing was. */
  overpaid: Maybe<Money>;
  /** The provider's id of the payment (Stripe's PaymentIntent pi_…), to find it in its dashboard. */
  providerPaymentIntentId: Scalars['String']['output'];
  /** Its refunds, oldest first, whatever their status. */
  refunds: Array<Refund>;
  /** Whether any of it was refunded, or is disputed. */
  status: PaymentStatus;
};

/** Above the largest single charge the payment provider takes: nothing was tried on the card. Pay in parts of at most maximum. */
export type AmountAboveMaximumError = UserError & {
  __typename?: 'AmountAboveMaximumError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The most one payment on the invoice can be now (its maximumPayment). */
  maximum: Money;
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Below the payment provider's minimum charge for the currency. */
export type AmountBelowMinimumError = UserError & {
  __typename?: 'AmountBelowMinimumError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
  /** The smallest amount that can be paid on the invoice now (its minimumPayment): the provider's minimum charge, or all that is due when no smaller part is possible. */
  minimum: Money;
};

/** The amount is more than is due on the invoice. */
export type AmountExceedsBalanceError = UserError & {
  __typename?: 'AmountExceedsBalanceError';
  /** What is due now: the most that can be paid. */
  amountDue: Money;
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A part payment that would leave less than the provider's minimum charge to pay later, which no card could pay. Pay all that is due, or at most maximumPartial. */
export type AmountLeavesUnpayableRemainderError = UserError & {
  __typename?: 'AmountLeavesUnpayableRemainderError';
  /** What is due now: paying all of it is always possible. */
  amountDue: Money;
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The largest part that leaves a payable remainder; null when only all that is due can be paid. */
  maximumPartial: Maybe<Money>;
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
  /** The provider's minimum charge: the smallest remainder a later payment can pay. */
  minimum: Money;
};

/** What the token's customer owes across open invoices, in the customer's currency; for a link bound to one invoice, on that invoice alone. */
export type Balance = {
  __typename?: 'Balance';
  /** How many invoices are open. */
  openInvoiceCount: Scalars['Int']['output'];
  /** The part of totalOutstanding past its due date. */
  overdue: Money;
  /** Sum of amountDue over open invoices. */
  totalOutstanding: Money;
};

/** The link is bound to one invoice: it may pay with saved cards, but only a link for the whole account adds, removes or changes the default card. Nothing changed. */
export type CardManagementNotAllowedError = UserError & {
  __typename?: 'CardManagementNotAllowedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A card being saved for later (a Stripe SetupIntent): confirm it in the browser with Stripe.js confirmCardSetup(clientSecret, { payment_method: { card } }), which runs 3-D Secure when the bank asks, then call addPaymentMethod with its id and the payment method it saved. */
export type CardSetup = {
  __typename?: 'CardSetup';
  /** For Stripe.js only. Do not log or store it. */
  clientSecret: Scalars['String']['output'];
  /** Stripe's SetupIntent id (seti_…): pass it to addPaymentMethod as setupIntentId. */
  id: Scalars['String']['output'];
};

/** Where the payment stands at the provider: recorded, waiting for 3-D Secure, still processing, or failed. */
export type ConfirmPaymentResult = Payment | PaymentCanceledError | PaymentDeclinedError | PaymentNotConfirmedError | PaymentPending | PaymentRequiresAction;

/** A card setup to confirm in the browser, or why a card cannot be added. */
export type CreateCardSetupResult = CardManagementNotAllowedError | CardSetup | PaymentNotPossibleError;

/** A customer to create. */
export type CreateCustomerInput = {
  /** Currency of all the customer's invoices, ISO 4217 (e.g. "usd"). Default "usd". */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Where the customer is reached, if known. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The language to write to the customer in, a BCP 47 tag such as "fr-CA" (at most 35 characters); stored in canonical form. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** The name shown on the payment page, 1 to 200 characters. */
  name: Scalars['String']['input'];
};

/** An invoice to create, open and payable. */
export type CreateInvoiceInput = {
  /** A customer of your organization; the invoice is in their currency. */
  customerId: Scalars['ID']['input'];
  /** On or after issuedAt. Defaults to 30 days after issuedAt. */
  dueAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Defaults to now. */
  issuedAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** 1 to 1000 lines; the total must be 1 to 1000000000 minor units, and at least the payment provider's minimum charge in the customer's currency (an invoice below it could never be paid online). */
  lineItems: Array<InvoiceLineItemInput>;
  /** Unique within the organization, up to 64 characters; generated when omitted. */
  number?: InputMaybe<Scalars['String']['input']>;
};

/** What to pay. Every field is optional: by default, all that is due on the link's (or the oldest open) invoice. */
export type CreatePaymentIntentInput = {
  /** Minor units; defaults to the amount due. All that is due, or a part from the invoice's minimumPayment to its maximumPartialPayment (a part never leaves less than the provider's minimum charge to pay later). An Int: no invoice's amount due can exceed it. */
  amount?: InputMaybe<Scalars['Int']['input']>;
  /** If given, must be the invoice's currency (ISO 4217, any case). */
  currency?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to the link's invoice, or the oldest open one. */
  invoiceId?: InputMaybe<Scalars['ID']['input']>;
  /** A saved PaymentMethod id to preselect. */
  paymentMethodId?: InputMaybe<Scalars['ID']['input']>;
  /** Save the new card for later once the payment succeeds. Ignored with paymentMethodId: a saved card is kept already. */
  savePaymentMethod?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A payment intent to confirm in the browser, or why one cannot be made. */
export type CreatePaymentIntentResult = AmountAboveMaximumError | AmountBelowMinimumError | AmountExceedsBalanceError | AmountLeavesUnpayableRemainderError | CurrencyMismatchError | InvalidAmountError | InvoiceNotPayableError | InvoiceNotPayableOnlineError | PaymentDeclinedError | PaymentInProgressError | PaymentIntent | PaymentMethodNotFoundError | PaymentNotPossibleError;

/** The currency given is not the invoice's. */
export type CurrencyMismatchError = UserError & {
  __typename?: 'CurrencyMismatchError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The invoice's currency, lowercase ISO 4217, e.g. "usd". */
  expectedCurrency: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Someone the organization bills. Payment links are issued to a customer. */
export type Customer = {
  __typename?: 'Customer';
  /** When the customer was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Lowercase ISO 4217 code every invoice of the customer is in, e.g. "usd". */
  currency: Scalars['String']['output'];
  /** Where the customer is reached; null when none was given. */
  email: Maybe<Scalars['String']['output']>;
  /** Pass to createInvoice, generateCustomerPaymentToken and customerPaymentTokens. */
  id: Scalars['ID']['output'];
  /** BCP 47 language tag to write to the customer in, canonical (e.g. "fr-CA"); null when unknown. */
  locale: Maybe<Scalars['String']['output']>;
  /** The name shown on the payment page. */
  name: Scalars['String']['output'];
};

/** The customer has no email address on file, so nothing could be emailed; nothing was done. Send the link another way, or add an address first. */
export type CustomerHasNoEmailError = UserError & {
  __typename?: 'CustomerHasNoEmailError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A customer's bank taking a payment back (a chargeback), or asking about it first (an inquiry). */
export type Dispute = {
  __typename?: 'Dispute';
  /** What the bank disputes: usually the whole payment. */
  amount: Money;
  /** Given back so far (all that was withdrawn once the dispute is won). */
  amountReinstated: Money;
  /** Taken from the balance so far (all of amount once a chargeback starts; zero for an inquiry). */
  amountWithdrawn: Money;
  /** When it was first reported. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** When evidence is due at the provider; null when it does not say. */
  evidenceDueBy: Maybe<Scalars['DateTimeISO']['output']>;
  /** Stable id of the dispute. */
  id: Scalars['ID']['output'];
  /** The provider's id of the dispute (Stripe's dp_…), to answer it in its dashboard. */
  providerDisputeId: Scalars['String']['output'];
  /** The bank's reason as the provider names it, e.g. fraudulent, product_not_received. */
  reason: Scalars['String']['output'];
  /** Where it stands. */
  status: DisputeStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** Where a dispute stands (the payment provider's status). It only moves forward; the last four are final. */
export type DisputeStatus =
  /** The inquiry closed without a chargeback. */
  | 'INQUIRY_CLOSED'
  /** The bank asks questions before any chargeback; no money moved. Answer it at the provider. */
  | 'INQUIRY_NEEDS_RESPONSE'
  /** The inquiry was answered and is being reviewed; no money moved. */
  | 'INQUIRY_UNDER_REVIEW'
  /** Closed in the customer's favour: the funds stay withdrawn, and the invoice is owed them again. */
  | 'LOST'
  /** A chargeback: the funds are withdrawn; submit evidence at the provider before evidenceDueBy. */
  | 'NEEDS_RESPONSE'
  /** Closed before it became a chargeback (the provider resolved it, e.g. with a refund). */
  | 'PREVENTED'
  /** Evidence was submitted; the bank decides. */
  | 'UNDER_REVIEW'
  /** Closed in the business's favour: the funds were reinstated. */
  | 'WON';

/** What a message to a customer is. */
export type EmailKind =
  /** A new link, asked for by the holder of an expired one. */
  | 'FRESH_LINK'
  /** A payment link, issued with sendEmail. */
  | 'PAYMENT_LINK'
  /** The receipt of a payment, sent once per payment however it was recorded. */
  | 'RECEIPT'
  /** A refund that was made, sent once per refund. */
  | 'REFUND_NOTICE'
  /** A reminder, with a new link, for an emailed link about to expire unpaid. */
  | 'REMINDER';

/** A message to a customer, as the outbox keeps it: never its content. */
export type EmailMessage = {
  __typename?: 'EmailMessage';
  /** How many times sending it was tried. */
  attempts: Scalars['Int']['output'];
  /** When it was queued: with what it reports (the link issued, the payment recorded). */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The customer it is for. */
  customerId: Scalars['ID']['output'];
  /** When it failed for good; null unless FAILED. */
  failedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Pass to retryEmail. */
  id: Scalars['ID']['output'];
  /** What it is. */
  kind: EmailKind;
  /** The mail server's answer to the last failed try (e.g. 550 No such user); null when none failed. */
  lastError: Maybe<Scalars['String']['output']>;
  /** Its Message-ID header, the same on every try: find it in a mail server's logs. */
  messageId: Scalars['String']['output'];
  /** When the next try is due, while QUEUED; null otherwise. */
  nextAttemptAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** The address it goes to: the customer's email when it was queued. */
  recipient: Scalars['String']['output'];
  /** Whether retryEmail can send it again: FAILED, with its content still kept (EMAIL_FAILED_BODY_RETENTION_DAYS). */
  retryable: Scalars['Boolean']['output'];
  /** When the mail server accepted it; null until then. */
  sentAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Where it is: QUEUED, SENT or FAILED. */
  status: EmailStatus;
  /** Its subject line. */
  subject: Scalars['String']['output'];
};

/** A page of a customer's messages, newest first (a Relay cursor connection). */
export type EmailMessageConnection = {
  __typename?: 'EmailMessageConnection';
  /** The messages of this page, newest first. */
  edges: Array<EmailMessageEdge>;
  /** Whether there is more, and the cursors to get it. */
  pageInfo: PageInfo;
};

/** A message in a page of customerEmails. */
export type EmailMessageEdge = {
  __typename?: 'EmailMessageEdge';
  /** Opaque position of this message; pass as customerEmails(after:) to continue after it. */
  cursor: Scalars['String']['output'];
  /** The message. */
  node: EmailMessage;
};

/** Email is off on this server (no SMTP_URL in production): nothing was sent, and nothing was done that would have been. */
export type EmailNotConfiguredError = UserError & {
  __typename?: 'EmailNotConfiguredError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Only a message that FAILED and still holds its content can be sent again (content is erased EMAIL_FAILED_BODY_RETENTION_DAYS after it failed; issue a new link then). Nothing changed. */
export type EmailNotRetryableError = UserError & {
  __typename?: 'EmailNotRetryableError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The message's status now: QUEUED, SENT, or FAILED (its content erased). */
  emailStatus: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Where a message is on its way out. */
export type EmailStatus =
  /** It will not be sent: the server refused it for good, or every try failed. retryEmail sends it again. */
  | 'FAILED'
  /** Waiting to be sent, or to be tried again after a temporary failure (see lastError and nextAttemptAt). */
  | 'QUEUED'
  /** The mail server accepted it (sentAt). */
  | 'SENT';

/** A payment link to issue. */
export type GenerateCustomerPaymentTokenInput = {
  /** A customer of your organization. */
  customerId: Scalars['ID']['input'];
  /** Days until the link expires, 1 to 90. Defaults to PAYMENT_TOKEN_LIFETIME_DAYS. */
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
  /** Bind the link to one invoice: the customer then sees only that invoice. */
  invoiceId?: InputMaybe<Scalars['ID']['input']>;
  /** Also email the link to the customer's address, in their locale, queued with the link in one transaction (see customerEmails). CustomerHasNoEmailError or EmailNotConfiguredError, and no link, when it cannot be sent. */
  sendEmail?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The link issued (and, with sendEmail, its email queued), or why no link was issued. */
export type GenerateCustomerPaymentTokenResult = CustomerHasNoEmailError | EmailNotConfiguredError | GeneratedPaymentToken;

/** A payment link just issued: the only time its secret is shown. */
export type GeneratedPaymentToken = {
  __typename?: 'GeneratedPaymentToken';
  /** With sendEmail: the link email, queued with the link (see customerEmails); null without. */
  email: Maybe<QueuedEmail>;
  /** The link as customerPaymentTokens will list it. */
  paymentToken: PaymentToken;
  /** The secret. Shown only in this response; it is stored as a hash. */
  token: Scalars['String']['output'];
  /** PORTAL_BASE_URL followed by the token: the link to send the customer. */
  url: Scalars['String']['output'];
};

/** The amount is zero, negative or not a whole number of minor units. */
export type InvalidAmountError = UserError & {
  __typename?: 'InvalidAmountError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A bill the business issued to the customer, with its line items and what is still owed. */
export type Invoice = {
  __typename?: 'Invoice';
  /** What is still owed: total − amountPaid while the invoice is open, less what was refunded (money given back is not owed again), never below zero; zero once it is paid or void. */
  amountDue: Money;
  /** Received so far, net of refunds and of what disputes took back. */
  amountPaid: Money;
  /** Lowercase ISO 4217 code of every amount on the invoice, e.g. "usd". */
  currency: Scalars['String']['output'];
  /** When payment is due; an open invoice past this is overdue. */
  dueAt: Scalars['DateTimeISO']['output'];
  /** Pass to invoice(id) or createPaymentIntent(input.invoiceId). */
  id: Scalars['ID']['output'];
  /** When the invoice was issued. */
  issuedAt: Scalars['DateTimeISO']['output'];
  /** The lines of the invoice, in order. */
  lineItems: Array<InvoiceLineItem>;
  /** The largest part, less than all that is due, that can be paid now: a part must leave at least the provider's minimum charge for a later payment. Null when only all that is due can be paid. A typed amount is accepted when it equals amountDue (and is at most maximumPayment), or lies between minimumPayment and maximumPartialPayment; createPaymentIntent answers the other cases with AmountLeavesUnpayableRemainderError, AmountAboveMaximumError, AmountBelowMinimumError or InvoiceNotPayableOnlineError. */
  maximumPartialPayment: Maybe<Money>;
  /** The largest amount one payment on the invoice may be now: all that is due, or, when that is above the provider's largest single charge, the largest part (pay the rest later). Zero when nothing can be paid online. */
  maximumPayment: Money;
  /** The smallest amount one payment on the invoice may be now: the payment provider's minimum charge in the invoice's currency, or all that is due when any smaller part would leave less than that minimum. When nothing can be paid online (payableOnline false), the provider's minimum. */
  minimumPayment: Money;
  /** The business's invoice number, unique within the organization, e.g. INV-0042. */
  number: Scalars['String']['output'];
  /** True when the invoice is open and its dueAt has passed, by the server's clock. */
  overdue: Scalars['Boolean']['output'];
  /** Whether some amount can be paid on the invoice online now. False when it is paid or void, and when amountDue is below the payment provider's minimum charge (after a payment outside the portal, say): no card payment can settle that, and the customer should contact the business. */
  payableOnline: Scalars['Boolean']['output'];
  /** OPEN invoices can be paid; PAID and VOID ones cannot. */
  status: InvoiceStatus;
  /** The sum of the line items. */
  total: Money;
};

/** A page of invoices: open ones first, earliest due first, then the others, newest issued first (a Relay cursor connection). */
export type InvoiceConnection = {
  __typename?: 'InvoiceConnection';
  /** The invoices of this page, in that order. */
  edges: Array<InvoiceEdge>;
  /** Whether there is more, and the cursors to get it. */
  pageInfo: PageInfo;
};

/** An invoice in a page of invoices. */
export type InvoiceEdge = {
  __typename?: 'InvoiceEdge';
  /** Opaque position of this invoice; pass as invoices(after:) to continue after it. */
  cursor: Scalars['String']['output'];
  /** The invoice. */
  node: Invoice;
};

/** One line of an invoice, in the invoice's currency. */
export type InvoiceLineItem = {
  __typename?: 'InvoiceLineItem';
  /** quantity × unitAmount. */
  amount: Money;
  /** What was sold, as the business wrote it. */
  description: Scalars['String']['output'];
  /** How many units, 1 or more. */
  quantity: Scalars['Int']['output'];
  /** The price of one unit. */
  unitAmount: Money;
};

/** One line of a new invoice. */
export type InvoiceLineItemInput = {
  /** What was sold, 1 to 500 characters. */
  description: Scalars['String']['input'];
  /** How many units, 1 to 1000000. */
  quantity: Scalars['Int']['input'];
  /** The price of one unit in minor units (cents) of the customer's currency, 0 or more. */
  unitAmount: Scalars['Int']['input'];
};

/** The invoice is paid or void: nothing can be paid on it. */
export type InvoiceNotPayableError = UserError & {
  __typename?: 'InvoiceNotPayableError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The invoice's status, e.g. "PAID". */
  invoiceStatus: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** What is due is less than the payment provider's minimum charge, so no card payment can settle it: the customer should contact the business (Organization.supportEmail). */
export type InvoiceNotPayableOnlineError = UserError & {
  __typename?: 'InvoiceNotPayableOnlineError';
  /** What is still owed. */
  amountDue: Money;
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
  /** The provider's minimum charge, which amountDue is below. */
  minimum: Money;
};

/** Nothing changed: only an open invoice holding no money can be voided. Refund its payments first (see invoicePayments). */
export type InvoiceNotVoidableError = UserError & {
  __typename?: 'InvoiceNotVoidableError';
  /** What the invoice holds, received net of refunds and disputes. */
  amountPaid: Money;
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The invoice's status, e.g. "PAID". */
  invoiceStatus: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** An invoice with every payment received on it. */
export type InvoicePayments = {
  __typename?: 'InvoicePayments';
  /** The invoice. */
  invoice: AdminInvoice;
  /** Its payments, oldest first, each with its refunds and disputes. */
  payments: Array<AdminPayment>;
};

/** Where an invoice stands. */
export type InvoiceStatus =
  /** Issued and not fully paid: it can be paid. */
  | 'OPEN'
  /** Paid in full. A later refund lowers amountPaid but does not reopen it; only a dispute that takes money back does. */
  | 'PAID'
  /** Cancelled by the business: nothing is owed and it cannot be paid. */
  | 'VOID';

/** An amount of money: an integer number of minor units (cents) and a currency. */
export type Money = {
  __typename?: 'Money';
  /** Minor units, e.g. 1050 is $10.50 in usd. A whole number up to 2^53 − 1 (a balance sums many invoices). */
  amount: Scalars['SafeInt']['output'];
  /** Lowercase ISO 4217 code, e.g. "usd". */
  currency: Scalars['String']['output'];
  /** For display only, e.g. "$10.50". Compute with `amount`. */
  formatted: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Saves a card: one a SetupIntent from createCardSetup saved (give setupIntentId; the way to save with 3-D Secure), or one created with Stripe.js createPaymentMethod. The first card becomes the default. Only through a link for the whole account (else CardManagementNotAllowedError). */
  addPaymentMethod: AddPaymentMethodResult;
  /** Call after Stripe.js confirmed the card. The server asks Stripe and records only what Stripe says; safe to call again. */
  confirmPayment: ConfirmPaymentResult;
  /** Starts saving a card the way Stripe recommends: a SetupIntent for the token's customer (for payments later, off session), whose clientSecret Stripe.js confirms with the card, 3-D Secure included; then addPaymentMethod. Only through a link for the whole account (else CardManagementNotAllowedError). */
  createCardSetup: CreateCardSetupResult;
  /** Creates a customer of your organization, to invoice and send payment links to. */
  createCustomer: Customer;
  /** Creates an open invoice in the customer's currency; the total is the sum of the line items. */
  createInvoice: Invoice;
  /** Starts paying an invoice. An invoice has at most one open intent: asking again reuses it, or replaces it when the amount changed. */
  createPaymentIntent: CreatePaymentIntentResult;
  /** Issues a payment link for a customer of your organization. The token is shown only here. With sendEmail the link is also emailed to the customer, queued in the same transaction (no link is issued when it cannot be: no address, or email off). */
  generateCustomerPaymentToken: GenerateCustomerPaymentTokenResult;
  /** Refunds a payment, whole or in part, through the payment provider; the invoice's amountPaid goes down by it (and the customer does not owe it again). Idempotent by requestId. A refund the provider has not finished may still fail later: follow its status in invoicePayments. */
  refundPayment: RefundPaymentResult;
  /** Removes a saved card; if it was the default, the newest remaining card becomes the default. Only through a link for the whole account (else CardManagementNotAllowedError). */
  removePaymentMethod: RemovePaymentMethodResult;
  /** Sent with an expired payment link (Authorization: Bearer, as every portal field): emails a new link for the same customer (and the same invoice, while something is owed on it) to the email address on file. The answer is the same whatever happened (an expired, live, revoked, mistyped or missing link, no email on file, a link that got a new one in the last 10 minutes), so it tells nothing. At most one new link per expired link every 10 minutes. RATE_LIMITED comes only from the client address's budgets (this field's, and failed authentications' for a mistyped link), as for anyone there. */
  requestNewPaymentLink: NewPaymentLinkRequest;
  /** Sends again a message that FAILED: QUEUED at once with its tries counted afresh, while its content is kept (EMAIL_FAILED_BODY_RETENTION_DAYS). Audited. */
  retryEmail: RetryEmailResult;
  /** Revokes one of your organization's admin API keys; it is refused from the next request on. Revoking the key making the request, or the last active one, needs confirmLossOfAccess. Revoking twice keeps the first time. */
  revokeAdminApiKey: RevokeAdminApiKeyResult;
  /** Revokes a payment link; it stops working on the next request. Revoking twice keeps the first time. */
  revokeCustomerPaymentToken: PaymentToken;
  /** Makes a saved card the default; the previous default stays saved. Only through a link for the whole account (else CardManagementNotAllowedError). */
  setDefaultMethod: SetDefaultMethodResult;
  /** Voids an open invoice that holds no money: its open payment intents are canceled at the provider first, and it can no longer be paid. A payment that still lands on it is recorded and flagged PAID_ON_VOID_INVOICE. Voiding twice keeps the first time. */
  voidInvoice: VoidInvoiceResult;
};


export type MutationAddPaymentMethodArgs = {
  input: AddPaymentMethodInput;
};


export type MutationConfirmPaymentArgs = {
  paymentIntentId: Scalars['String']['input'];
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreateInvoiceArgs = {
  input: CreateInvoiceInput;
};


export type MutationCreatePaymentIntentArgs = {
  input: CreatePaymentIntentInput;
};


export type MutationGenerateCustomerPaymentTokenArgs = {
  input: GenerateCustomerPaymentTokenInput;
};


export type MutationRefundPaymentArgs = {
  input: RefundPaymentInput;
};


export type MutationRemovePaymentMethodArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryEmailArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeAdminApiKeyArgs = {
  confirmLossOfAccess?: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationRevokeCustomerPaymentTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetDefaultMethodArgs = {
  id: Scalars['ID']['input'];
};


export type MutationVoidInvoiceArgs = {
  id: Scalars['ID']['input'];
};

/** The answer to requestNewPaymentLink: always the same, whatever happened, so it tells nothing about the link or the customer. */
export type NewPaymentLinkRequest = {
  __typename?: 'NewPaymentLinkRequest';
  /** What to tell the customer: if the link had expired and an email address is on file, a new link was sent to it. */
  message: Scalars['String']['output'];
};

/** The business asking to be paid, as its customers see it. */
export type Organization = {
  __typename?: 'Organization';
  /** Its name, to show at the top of the payment page. */
  name: Scalars['String']['output'];
  /** Where customers write about a bill; null when the business gave none. */
  supportEmail: Maybe<Scalars['String']['output']>;
};

/** Where a page sits in the whole list (Relay cursor connections). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The last edge's cursor, to pass as after for the next page; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow this page: ask again with after: endCursor. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when the page was asked for after a cursor, so items come before it. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first edge's cursor; null on an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Money received for an invoice, as reported by the payment provider. */
export type Payment = {
  __typename?: 'Payment';
  /** What was received, before refunds. */
  amount: Money;
  /** Taken back by the customer's bank through disputes and not given back: zero unless a dispute withdrew funds. It lowers the invoice's amountPaid and is owed again (a paid invoice reopens for it) until the dispute is won. */
  amountDisputed: Money;
  /** Refunded so far (refunds pending or succeeded; one that fails no longer counts). Lowers the invoice's amountPaid, but is not owed again. */
  amountRefunded: Money;
  /** The card network, e.g. "visa"; null when the provider did not say. */
  cardBrand: Maybe<Scalars['String']['output']>;
  /** The card's last four digits; null when the provider did not say. */
  cardLast4: Maybe<Scalars['String']['output']>;
  /** When the payment was recorded. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Stable id of the payment. */
  id: Scalars['ID']['output'];
  /** The invoice it paid. */
  invoiceId: Scalars['ID']['output'];
  /** Received beyond what was due (e.g. paid twice elsewhere); flagged for a refund. Null when nothing was. */
  overpaid: Maybe<Money>;
  /** Whether any of it was refunded, or is disputed. */
  status: PaymentStatus;
};

/** Why an admin should look at a payment. Each goes away once the money is put right. */
export type PaymentAttention =
  /** A dispute or inquiry waits for evidence at the payment provider (see Dispute.evidenceDueBy). */
  | 'DISPUTE_NEEDS_RESPONSE'
  /** Received beyond what was due (see overpaid), and not refunded yet. */
  | 'OVERPAID'
  /** Received on an invoice that had been voided (the customer's bank was faster than the cancellation): nothing was due, so refund it or apply it elsewhere. Not counted as an overpayment. */
  | 'PAID_ON_VOID_INVOICE'
  /** A refund failed: the money came back to the business and the customer still waits for it. No later refund made up for it yet. */
  | 'REFUND_FAILED';

/** The payment was canceled; start a new one with createPaymentIntent. */
export type PaymentCanceledError = UserError & {
  __typename?: 'PaymentCanceledError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A page of payments, newest first (a Relay cursor connection). */
export type PaymentConnection = {
  __typename?: 'PaymentConnection';
  /** The payments of this page, newest first. */
  edges: Array<PaymentEdge>;
  /** Whether there is more, and the cursors to get it. */
  pageInfo: PageInfo;
};

/** The card was declined; message is the bank's reason. Try another card. */
export type PaymentDeclinedError = UserError & {
  __typename?: 'PaymentDeclinedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** The card issuer's reason, e.g. insufficient_funds; null when it gave none. */
  declineCode: Maybe<Scalars['String']['output']>;
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Nothing was refunded: the payment is charged back. While the dispute is open its money is the customer's bank's to decide; once lost, the bank already returned it. (An inquiry does not block refunds, and a won dispute no longer does.) */
export type PaymentDisputedError = UserError & {
  __typename?: 'PaymentDisputedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** A payment in a page of paymentHistory. */
export type PaymentEdge = {
  __typename?: 'PaymentEdge';
  /** Opaque position of this payment; pass as paymentHistory(after:) to continue after it. */
  cursor: Scalars['String']['output'];
  /** The payment. */
  node: Payment;
};

/** A payment for the invoice is processing; try again when it settles. */
export type PaymentInProgressError = UserError & {
  __typename?: 'PaymentInProgressError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Hand clientSecret to Stripe.js to collect and confirm the card, then call confirmPayment. */
export type PaymentIntent = {
  __typename?: 'PaymentIntent';
  /** What will be charged. */
  amount: Money;
  /** For Stripe.js only. Do not log or store it. */
  clientSecret: Scalars['String']['output'];
  /** Stripe's PaymentIntent id (pi_…): pass it to confirmPayment. */
  id: Scalars['String']['output'];
  /** Usually REQUIRES_PAYMENT_METHOD: the card is still to be entered. */
  status: PaymentIntentStatus;
};

/** Where a payment intent stands at the payment provider (Stripe's PaymentIntent status, upper case). */
export type PaymentIntentStatus =
  /** Abandoned or replaced; it can no longer be paid. */
  | 'CANCELED'
  /** The provider is settling it; it is recorded when it succeeds. */
  | 'PROCESSING'
  /** The bank asks the customer to authenticate (3-D Secure). */
  | 'REQUIRES_ACTION'
  /** A card is attached; the client still has to confirm. */
  | 'REQUIRES_CONFIRMATION'
  /** Waiting for a card (again, after a decline). */
  | 'REQUIRES_PAYMENT_METHOD'
  /** The money was received. */
  | 'SUCCEEDED';

/** What a payment link opens: who asks to be paid, whom, and until when the link works. */
export type PaymentLink = {
  __typename?: 'PaymentLink';
  /** The customer the link was sent to. */
  customer: Customer;
  /** When the link stops working. */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** Set when the link is bound to one invoice: invoice and invoices then show only that one. Null for an account-wide link. */
  invoiceId: Maybe<Scalars['ID']['output']>;
  /** The business that sent the link. */
  organization: Organization;
};

/** A saved card. Only what is safe to show: never the card number. */
export type PaymentMethod = {
  __typename?: 'PaymentMethod';
  /** The card network, e.g. "visa" or "mastercard". */
  brand: Scalars['String']['output'];
  /** Expiry month, 1 to 12. */
  expMonth: Scalars['Int']['output'];
  /** Expiry year, four digits. */
  expYear: Scalars['Int']['output'];
  /** Pass to setDefaultMethod, removePaymentMethod or createPaymentIntent(input.paymentMethodId). */
  id: Scalars['ID']['output'];
  /** True on exactly one card whenever the customer has any: the one offered first. */
  isDefault: Scalars['Boolean']['output'];
  /** The card's last four digits. */
  last4: Scalars['String']['output'];
};

/** No saved card of this customer has that id. */
export type PaymentMethodNotFoundError = UserError & {
  __typename?: 'PaymentMethodNotFoundError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The card could not be saved. */
export type PaymentMethodRejectedError = UserError & {
  __typename?: 'PaymentMethodRejectedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The client has not confirmed the payment with a card yet. */
export type PaymentNotConfirmedError = UserError & {
  __typename?: 'PaymentNotConfirmedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The payment provider refused the request itself, not the card (our configuration or our bug, e.g. a currency it does not take): nothing was charged or saved, and another card would not help. The business is alerted; try again later or contact it. */
export type PaymentNotPossibleError = UserError & {
  __typename?: 'PaymentNotPossibleError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The provider is still processing the payment; it is recorded when it settles (ask again, or read paymentHistory). */
export type PaymentPending = {
  __typename?: 'PaymentPending';
  /** The PaymentIntent being processed. */
  paymentIntentId: Scalars['String']['output'];
  /** PROCESSING. */
  status: PaymentIntentStatus;
};

/** The card needs 3-D Secure: run Stripe.js handleNextAction with clientSecret, then call confirmPayment again. */
export type PaymentRequiresAction = {
  __typename?: 'PaymentRequiresAction';
  /** For Stripe.js handleNextAction only. Do not log or store it. */
  clientSecret: Scalars['String']['output'];
  /** What Stripe.js will do, e.g. use_stripe_sdk or redirect_to_url. */
  nextActionType: Scalars['String']['output'];
  /** The PaymentIntent to authenticate, then confirm again. */
  paymentIntentId: Scalars['String']['output'];
  /** Where to send the customer when nextActionType is redirect_to_url; null otherwise. */
  redirectUrl: Maybe<Scalars['String']['output']>;
};

/** Where money received stands after refunds and disputes. */
export type PaymentStatus =
  /** The customer's bank disputes it: a dispute (or the bank's inquiry before one) is open, or was lost. amountDisputed is what the bank took back; a dispute the business wins gives it back and the payment returns to its other status. */
  | 'DISPUTED'
  /** Part of it was refunded (see amountRefunded). */
  | 'PARTIALLY_REFUNDED'
  /** All of it was refunded. */
  | 'REFUNDED'
  /** Received, nothing refunded. */
  | 'SUCCEEDED';

/** A customer payment link, without its secret. */
export type PaymentToken = {
  __typename?: 'PaymentToken';
  /** When the link was issued. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** The customer the link is for. */
  customerId: Scalars['ID']['output'];
  /** When the link stops working. */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** Pass to revokeCustomerPaymentToken. */
  id: Scalars['ID']['output'];
  /** The one invoice the link is bound to; null when it shows all of the customer's invoices. */
  invoiceId: Maybe<Scalars['ID']['output']>;
  /** Its last use, written up to TOKEN_USAGE_FLUSH_MS after it; null before the first. */
  lastUsedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** The client address of its last use; null before the first. */
  lastUsedIp: Maybe<Scalars['String']['output']>;
  /** When it was revoked; null while it was not. */
  revokedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Whether the link still works. */
  status: PaymentTokenStatus;
  /** How many requests it has authenticated, written up to TOKEN_USAGE_FLUSH_MS after them. */
  useCount: Scalars['Int']['output'];
};

/** Whether a payment link still opens. */
export type PaymentTokenStatus =
  /** It works until expiresAt. */
  | 'ACTIVE'
  /** Past expiresAt: it no longer works. */
  | 'EXPIRED'
  /** An admin revoked it: it no longer works. */
  | 'REVOKED';

export type Query = {
  __typename?: 'Query';
  /** Your organization's admin API keys, newest first, without their secrets. */
  adminApiKeys: Array<AdminApiKey>;
  /** The token's customer's balance over open invoices; for a link bound to one invoice, over that invoice alone. */
  balance: Balance;
  /** A customer's messages (links, receipts, refund notices, reminders), newest first, with how each one's delivery went. */
  customerEmails: EmailMessageConnection;
  /** A customer's invoices, newest issued first, with what was paid, refunded and is still due. */
  customerInvoices: AdminInvoiceConnection;
  /** A customer's payment links, newest first, without their secrets. */
  customerPaymentTokens: Array<PaymentToken>;
  /** The link's invoice when it is bound to one; otherwise the given invoice of the token's customer, or the oldest open one. */
  invoice: Invoice;
  /** An invoice and every payment received on it, each with its refunds, disputes and what needs attention. */
  invoicePayments: InvoicePayments;
  /** The token's customer's invoices: open ones first, earliest due first, then the others, newest issued first. A link bound to one invoice lists only that one. */
  invoices: InvoiceConnection;
  /** The token's customer's payments, newest first; for a link bound to one invoice, that invoice's payments alone. */
  paymentHistory: PaymentConnection;
  /** What the token's link opens: the organization, the customer, the invoice it is bound to if any, and its expiry. */
  paymentLink: PaymentLink;
  /** The token's customer's saved cards, the default first. A link bound to one invoice lists them too, to pay that invoice with one. */
  paymentMethods: Array<PaymentMethod>;
};


export type QueryCustomerEmailsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerInvoicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCustomerPaymentTokensArgs = {
  customerId: Scalars['ID']['input'];
};


export type QueryInvoiceArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryInvoicePaymentsArgs = {
  invoiceId: Scalars['ID']['input'];
};


export type QueryInvoicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<InvoiceStatus>;
};


export type QueryPaymentHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A message queued with what it reports; see customerEmails for how it went. */
export type QueuedEmail = {
  __typename?: 'QueuedEmail';
  /** EmailMessage.id of the message. */
  id: Scalars['ID']['output'];
  /** The address it goes to. */
  recipient: Scalars['String']['output'];
};

/** Money given back on a payment, through the payment provider. */
export type Refund = {
  __typename?: 'Refund';
  /** What it gives back. */
  amount: Money;
  /** When it was recorded. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** Why the provider could not return the money, e.g. expired_or_canceled_card; null unless it FAILED. */
  failureReason: Maybe<Scalars['String']['output']>;
  /** Stable id of the refund. */
  id: Scalars['ID']['output'];
  /** What the admin wrote about it; never shown to the customer. Null when nothing. */
  note: Maybe<Scalars['String']['output']>;
  /** The provider's id of the refund (Stripe's re_…), to find it in its dashboard; null while REQUESTED, and for refunds recorded before they were tracked one by one. */
  providerRefundId: Maybe<Scalars['String']['output']>;
  /** Why, as given when it was made; null when none was (a refund made in the provider's dashboard without one). */
  reason: Maybe<RefundReason>;
  /** Where it stands; only PENDING, REQUIRES_ACTION and SUCCEEDED count in amountRefunded. */
  status: RefundStatus;
  /** When it last changed. */
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** Nothing was refunded: the amount is more than can still be refunded on the payment (what is not refunded already, being refunded, or held by a dispute). */
export type RefundExceedsRefundableError = UserError & {
  __typename?: 'RefundExceedsRefundableError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
  /** The most that can be refunded on the payment now; zero when nothing is left. */
  refundable: Money;
};

/** A refund of a payment, whole or in part, through the payment provider. */
export type RefundPaymentInput = {
  /** Minor units, 1 or more; omit to refund all that can still be refunded. More than that is RefundExceedsRefundableError. */
  amount?: InputMaybe<Scalars['Int']['input']>;
  /** For admins, up to 500 characters; kept with the refund, never shown to the customer. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** AdminPayment.id of the payment (see invoicePayments). */
  paymentId: Scalars['ID']['input'];
  /** Why the money is given back; the provider is told. */
  reason: RefundReason;
  /** Your id for this request, 1 to 64 letters, digits, "-" or "_" (a UUID, say). Sending the same requestId again for the same payment (a retry after a timeout, or PAYMENT_PROVIDER_UNAVAILABLE) refunds once and answers the same refund. Without one the server makes one up, and a retry may refund again. */
  requestId?: InputMaybe<Scalars['String']['input']>;
};

/** The refund made (or found again for the same requestId), or why nothing was refunded. */
export type RefundPaymentResult = InvalidAmountError | PaymentDisputedError | Refund | RefundExceedsRefundableError | RefundRejectedError | RefundRequestConflictError;

/** Why the business gives money back, in the payment provider's categories. */
export type RefundReason =
  /** The customer paid twice. */
  | 'DUPLICATE'
  /** The payment was fraudulent (the provider may use this to block the card). */
  | 'FRAUDULENT'
  /** The customer asked for it (a return, a goodwill gesture). */
  | 'REQUESTED_BY_CUSTOMER';

/** The payment provider refused the refund; message is its reason. Nothing was refunded. */
export type RefundRejectedError = UserError & {
  __typename?: 'RefundRejectedError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
  /** The provider's own code, e.g. charge_already_refunded. */
  providerCode: Scalars['String']['output'];
};

/** The requestId was already used for a different refund of this payment (another amount or reason). Nothing more was refunded; use a new requestId for a new refund. */
export type RefundRequestConflictError = UserError & {
  __typename?: 'RefundRequestConflictError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** Where a refund stands (the payment provider's status, and REQUESTED before it answered). It only moves forward. */
export type RefundStatus =
  /** Canceled before it was returned: the money is in amountPaid again. */
  | 'CANCELED'
  /** The money could not be returned and came back to the balance: it is in amountPaid again. See failureReason. */
  | 'FAILED'
  /** On its way to the customer; already out of the balance, so counted in amountRefunded. */
  | 'PENDING'
  /** Asked of the provider, which has not answered yet (it was unreachable): the amount is held; refundPayment with the same requestId resumes it. */
  | 'REQUESTED'
  /** The customer must act before the money reaches them; counted in amountRefunded. */
  | 'REQUIRES_ACTION'
  /** Returned to the customer. It may still fail later (a closed card). */
  | 'SUCCEEDED';

/** The removed card, or why it could not be removed. */
export type RemovePaymentMethodResult = CardManagementNotAllowedError | PaymentMethodNotFoundError | RemovedPaymentMethod;

/** A saved card that was removed. */
export type RemovedPaymentMethod = {
  __typename?: 'RemovedPaymentMethod';
  /** The id the card had. */
  id: Scalars['ID']['output'];
};

/** The message, QUEUED again, or why it cannot be sent again. */
export type RetryEmailResult = EmailMessage | EmailNotConfiguredError | EmailNotRetryableError;

/** Nothing was revoked: doing it would cut off access (see consequences). Call again with confirmLossOfAccess: true to revoke anyway. */
export type RevocationNeedsConfirmationError = UserError & {
  __typename?: 'RevocationNeedsConfirmationError';
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** What the revocation would cost; one or both. */
  consequences: Array<AdminKeyRevocationConsequence>;
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The revoked key, or what revoking it would cost when that needs confirming. */
export type RevokeAdminApiKeyResult = AdminApiKey | RevocationNeedsConfirmationError;

/** The new default card, or why it could not be made the default. */
export type SetDefaultMethodResult = CardManagementNotAllowedError | PaymentMethod | PaymentMethodNotFoundError;

/** An expected failure, returned as a mutation result. Branch on __typename or code. */
export type UserError = {
  /** Stable, machine-readable, e.g. AMOUNT_EXCEEDS_BALANCE. */
  code: Scalars['String']['output'];
  /** For people, in English; may change. Show your own text keyed on code where it matters. */
  message: Scalars['String']['output'];
};

/** The voided invoice, or why it was not voided. */
export type VoidInvoiceResult = AdminInvoice | InvoiceNotVoidableError | PaymentInProgressError;

export type PaymentTokenPartsFragment = { __typename?: 'PaymentToken', id: string, customerId: string, invoiceId: string | null, status: PaymentTokenStatus, createdAt: string, expiresAt: string, revokedAt: string | null, lastUsedAt: string | null, lastUsedIp: string | null, useCount: number };

export type CreateCustomerMutationVariables = Exact<{
  input: CreateCustomerInput;
}>;


export type CreateCustomerMutation = { __typename?: 'Mutation', createCustomer: { __typename?: 'Customer', id: string, name: string, email: string | null, locale: string | null, currency: string } };

export type CreateInvoiceMutationVariables = Exact<{
  input: CreateInvoiceInput;
}>;


export type CreateInvoiceMutation = { __typename?: 'Mutation', createInvoice: { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } } };

export type GenerateCustomerPaymentTokenMutationVariables = Exact<{
  input: GenerateCustomerPaymentTokenInput;
}>;


export type GenerateCustomerPaymentTokenMutation = { __typename?: 'Mutation', generateCustomerPaymentToken:
    | { __typename: 'CustomerHasNoEmailError', code: string, message: string }
    | { __typename: 'EmailNotConfiguredError', code: string, message: string }
    | { __typename: 'GeneratedPaymentToken', token: string, url: string, paymentToken: { __typename?: 'PaymentToken', id: string, customerId: string, invoiceId: string | null, status: PaymentTokenStatus, createdAt: string, expiresAt: string, revokedAt: string | null, lastUsedAt: string | null, lastUsedIp: string | null, useCount: number }, email: { __typename?: 'QueuedEmail', id: string, recipient: string } | null }
   };

export type RevokeCustomerPaymentTokenMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeCustomerPaymentTokenMutation = { __typename?: 'Mutation', revokeCustomerPaymentToken: { __typename?: 'PaymentToken', id: string, customerId: string, invoiceId: string | null, status: PaymentTokenStatus, createdAt: string, expiresAt: string, revokedAt: string | null, lastUsedAt: string | null, lastUsedIp: string | null, useCount: number } };

export type CustomerPaymentTokensQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
}>;


export type CustomerPaymentTokensQuery = { __typename?: 'Query', customerPaymentTokens: Array<{ __typename?: 'PaymentToken', id: string, customerId: string, invoiceId: string | null, status: PaymentTokenStatus, createdAt: string, expiresAt: string, revokedAt: string | null, lastUsedAt: string | null, lastUsedIp: string | null, useCount: number }> };

export type AdminApiKeyPartsFragment = { __typename?: 'AdminApiKey', id: string, name: string, status: AdminApiKeyStatus, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, current: boolean };

export type AdminApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminApiKeysQuery = { __typename?: 'Query', adminApiKeys: Array<{ __typename?: 'AdminApiKey', id: string, name: string, status: AdminApiKeyStatus, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, current: boolean }> };

export type RevokeAdminApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  confirmLossOfAccess?: Scalars['Boolean']['input'];
}>;


export type RevokeAdminApiKeyMutation = { __typename?: 'Mutation', revokeAdminApiKey:
    | { __typename: 'AdminApiKey', id: string, name: string, status: AdminApiKeyStatus, createdAt: string, expiresAt: string | null, revokedAt: string | null, lastUsedAt: string | null, current: boolean }
    | { __typename: 'RevocationNeedsConfirmationError', code: string, message: string, consequences: Array<AdminKeyRevocationConsequence> }
   };

export type AdminInvoicePartsFragment = { __typename?: 'AdminInvoice', id: string, customerId: string, number: string, status: InvoiceStatus, voidedAt: string | null, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } };

export type RefundPartsFragment = { __typename?: 'Refund', id: string, status: RefundStatus, reason: RefundReason | null, note: string | null, failureReason: string | null, providerRefundId: string | null, createdAt: string, updatedAt: string, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } };

export type DisputePartsFragment = { __typename?: 'Dispute', id: string, providerDisputeId: string, status: DisputeStatus, reason: string, evidenceDueBy: string | null, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountWithdrawn: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountReinstated: { __typename?: 'Money', amount: number, currency: string, formatted: string } };

export type CustomerInvoicesQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomerInvoicesQuery = { __typename?: 'Query', customerInvoices: { __typename?: 'AdminInvoiceConnection', edges: Array<{ __typename?: 'AdminInvoiceEdge', cursor: string, node: { __typename?: 'AdminInvoice', id: string, customerId: string, number: string, status: InvoiceStatus, voidedAt: string | null, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type InvoicePaymentsQueryVariables = Exact<{
  invoiceId: Scalars['ID']['input'];
}>;


export type InvoicePaymentsQuery = { __typename?: 'Query', invoicePayments: { __typename?: 'InvoicePayments', invoice: { __typename?: 'AdminInvoice', id: string, customerId: string, number: string, status: InvoiceStatus, voidedAt: string | null, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } }, payments: Array<{ __typename?: 'AdminPayment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, providerPaymentIntentId: string, cardBrand: string | null, cardLast4: string | null, needsAttention: Array<PaymentAttention>, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overpaid: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null, refunds: Array<{ __typename?: 'Refund', id: string, status: RefundStatus, reason: RefundReason | null, note: string | null, failureReason: string | null, providerRefundId: string | null, createdAt: string, updatedAt: string, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }>, disputes: Array<{ __typename?: 'Dispute', id: string, providerDisputeId: string, status: DisputeStatus, reason: string, evidenceDueBy: string | null, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountWithdrawn: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountReinstated: { __typename?: 'Money', amount: number, currency: string, formatted: string } }> }> } };

export type RefundPaymentMutationVariables = Exact<{
  input: RefundPaymentInput;
}>;


export type RefundPaymentMutation = { __typename?: 'Mutation', refundPayment:
    | { __typename: 'InvalidAmountError', code: string, message: string }
    | { __typename: 'PaymentDisputedError', code: string, message: string }
    | { __typename: 'Refund', id: string, status: RefundStatus, reason: RefundReason | null, note: string | null, failureReason: string | null, providerRefundId: string | null, createdAt: string, updatedAt: string, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'RefundExceedsRefundableError', code: string, message: string, refundable: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'RefundRejectedError', code: string, message: string, providerCode: string }
    | { __typename: 'RefundRequestConflictError', code: string, message: string }
   };

export type VoidInvoiceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type VoidInvoiceMutation = { __typename?: 'Mutation', voidInvoice:
    | { __typename: 'AdminInvoice', id: string, customerId: string, number: string, status: InvoiceStatus, voidedAt: string | null, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'InvoiceNotVoidableError', code: string, message: string, invoiceStatus: string, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'PaymentInProgressError', code: string, message: string }
   };

export type EmailMessagePartsFragment = { __typename?: 'EmailMessage', id: string, customerId: string, kind: EmailKind, recipient: string, subject: string, status: EmailStatus, attempts: number, lastError: string | null, nextAttemptAt: string | null, sentAt: string | null, failedAt: string | null, retryable: boolean, messageId: string, createdAt: string };

export type CustomerEmailsQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CustomerEmailsQuery = { __typename?: 'Query', customerEmails: { __typename?: 'EmailMessageConnection', edges: Array<{ __typename?: 'EmailMessageEdge', cursor: string, node: { __typename?: 'EmailMessage', id: string, customerId: string, kind: EmailKind, recipient: string, subject: string, status: EmailStatus, attempts: number, lastError: string | null, nextAttemptAt: string | null, sentAt: string | null, failedAt: string | null, retryable: boolean, messageId: string, createdAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, endCursor: string | null } } };

export type RetryEmailMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RetryEmailMutation = { __typename?: 'Mutation', retryEmail:
    | { __typename: 'EmailMessage', id: string, customerId: string, kind: EmailKind, recipient: string, subject: string, status: EmailStatus, attempts: number, lastError: string | null, nextAttemptAt: string | null, sentAt: string | null, failedAt: string | null, retryable: boolean, messageId: string, createdAt: string }
    | { __typename: 'EmailNotConfiguredError', code: string, message: string }
    | { __typename: 'EmailNotRetryableError', code: string, message: string, emailStatus: string }
   };

export type RequestNewPaymentLinkMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestNewPaymentLinkMutation = { __typename?: 'Mutation', requestNewPaymentLink: { __typename?: 'NewPaymentLinkRequest', message: string } };

type UserErrorParts_AmountAboveMaximumError_Fragment = { __typename?: 'AmountAboveMaximumError', code: string, message: string };

type UserErrorParts_AmountBelowMinimumError_Fragment = { __typename?: 'AmountBelowMinimumError', code: string, message: string };

type UserErrorParts_AmountExceedsBalanceError_Fragment = { __typename?: 'AmountExceedsBalanceError', code: string, message: string };

type UserErrorParts_AmountLeavesUnpayableRemainderError_Fragment = { __typename?: 'AmountLeavesUnpayableRemainderError', code: string, message: string };

type UserErrorParts_CardManagementNotAllowedError_Fragment = { __typename?: 'CardManagementNotAllowedError', code: string, message: string };

type UserErrorParts_CurrencyMismatchError_Fragment = { __typename?: 'CurrencyMismatchError', code: string, message: string };

type UserErrorParts_CustomerHasNoEmailError_Fragment = { __typename?: 'CustomerHasNoEmailError', code: string, message: string };

type UserErrorParts_EmailNotConfiguredError_Fragment = { __typename?: 'EmailNotConfiguredError', code: string, message: string };

type UserErrorParts_EmailNotRetryableError_Fragment = { __typename?: 'EmailNotRetryableError', code: string, message: string };

type UserErrorParts_InvalidAmountError_Fragment = { __typename?: 'InvalidAmountError', code: string, message: string };

type UserErrorParts_InvoiceNotPayableError_Fragment = { __typename?: 'InvoiceNotPayableError', code: string, message: string };

type UserErrorParts_InvoiceNotPayableOnlineError_Fragment = { __typename?: 'InvoiceNotPayableOnlineError', code: string, message: string };

type UserErrorParts_InvoiceNotVoidableError_Fragment = { __typename?: 'InvoiceNotVoidableError', code: string, message: string };

type UserErrorParts_PaymentCanceledError_Fragment = { __typename?: 'PaymentCanceledError', code: string, message: string };

type UserErrorParts_PaymentDeclinedError_Fragment = { __typename?: 'PaymentDeclinedError', code: string, message: string };

type UserErrorParts_PaymentDisputedError_Fragment = { __typename?: 'PaymentDisputedError', code: string, message: string };

type UserErrorParts_PaymentInProgressError_Fragment = { __typename?: 'PaymentInProgressError', code: string, message: string };

type UserErrorParts_PaymentMethodNotFoundError_Fragment = { __typename?: 'PaymentMethodNotFoundError', code: string, message: string };

type UserErrorParts_PaymentMethodRejectedError_Fragment = { __typename?: 'PaymentMethodRejectedError', code: string, message: string };

type UserErrorParts_PaymentNotConfirmedError_Fragment = { __typename?: 'PaymentNotConfirmedError', code: string, message: string };

type UserErrorParts_PaymentNotPossibleError_Fragment = { __typename?: 'PaymentNotPossibleError', code: string, message: string };

type UserErrorParts_RefundExceedsRefundableError_Fragment = { __typename?: 'RefundExceedsRefundableError', code: string, message: string };

type UserErrorParts_RefundRejectedError_Fragment = { __typename?: 'RefundRejectedError', code: string, message: string };

type UserErrorParts_RefundRequestConflictError_Fragment = { __typename?: 'RefundRequestConflictError', code: string, message: string };

type UserErrorParts_RevocationNeedsConfirmationError_Fragment = { __typename?: 'RevocationNeedsConfirmationError', code: string, message: string };

export type UserErrorPartsFragment =
  | UserErrorParts_AmountAboveMaximumError_Fragment
  | UserErrorParts_AmountBelowMinimumError_Fragment
  | UserErrorParts_AmountExceedsBalanceError_Fragment
  | UserErrorParts_AmountLeavesUnpayableRemainderError_Fragment
  | UserErrorParts_CardManagementNotAllowedError_Fragment
  | UserErrorParts_CurrencyMismatchError_Fragment
  | UserErrorParts_CustomerHasNoEmailError_Fragment
  | UserErrorParts_EmailNotConfiguredError_Fragment
  | UserErrorParts_EmailNotRetryableError_Fragment
  | UserErrorParts_InvalidAmountError_Fragment
  | UserErrorParts_InvoiceNotPayableError_Fragment
  | UserErrorParts_InvoiceNotPayableOnlineError_Fragment
  | UserErrorParts_InvoiceNotVoidableError_Fragment
  | UserErrorParts_PaymentCanceledError_Fragment
  | UserErrorParts_PaymentDeclinedError_Fragment
  | UserErrorParts_PaymentDisputedError_Fragment
  | UserErrorParts_PaymentInProgressError_Fragment
  | UserErrorParts_PaymentMethodNotFoundError_Fragment
  | UserErrorParts_PaymentMethodRejectedError_Fragment
  | UserErrorParts_PaymentNotConfirmedError_Fragment
  | UserErrorParts_PaymentNotPossibleError_Fragment
  | UserErrorParts_RefundExceedsRefundableError_Fragment
  | UserErrorParts_RefundRejectedError_Fragment
  | UserErrorParts_RefundRequestConflictError_Fragment
  | UserErrorParts_RevocationNeedsConfirmationError_Fragment
;

export type CreatePaymentIntentMutationVariables = Exact<{
  input: CreatePaymentIntentInput;
}>;


export type CreatePaymentIntentMutation = { __typename?: 'Mutation', createPaymentIntent:
    | { __typename: 'AmountAboveMaximumError', code: string, message: string, maximum: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'AmountBelowMinimumError', code: string, message: string, minimum: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'AmountExceedsBalanceError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'AmountLeavesUnpayableRemainderError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, maximumPartial: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null, minimum: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'CurrencyMismatchError', expectedCurrency: string, code: string, message: string }
    | { __typename: 'InvalidAmountError', code: string, message: string }
    | { __typename: 'InvoiceNotPayableError', invoiceStatus: string, code: string, message: string }
    | { __typename: 'InvoiceNotPayableOnlineError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, minimum: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'PaymentDeclinedError', code: string, message: string }
    | { __typename: 'PaymentInProgressError', code: string, message: string }
    | { __typename: 'PaymentIntent', id: string, clientSecret: string, status: PaymentIntentStatus, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
    | { __typename: 'PaymentNotPossibleError', code: string, message: string }
   };

export type ConfirmPaymentMutationVariables = Exact<{
  paymentIntentId: Scalars['String']['input'];
}>;


export type ConfirmPaymentMutation = { __typename?: 'Mutation', confirmPayment:
    | { __typename: 'Payment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, cardBrand: string | null, cardLast4: string | null, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overpaid: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null }
    | { __typename: 'PaymentCanceledError', code: string, message: string }
    | { __typename: 'PaymentDeclinedError', declineCode: string | null, code: string, message: string }
    | { __typename: 'PaymentNotConfirmedError', code: string, message: string }
    | { __typename: 'PaymentPending', paymentIntentId: string, intentStatus: PaymentIntentStatus }
    | { __typename: 'PaymentRequiresAction', paymentIntentId: string, clientSecret: string, nextActionType: string }
   };

export type AddPaymentMethodMutationVariables = Exact<{
  input: AddPaymentMethodInput;
}>;


export type AddPaymentMethodMutation = { __typename?: 'Mutation', addPaymentMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean }
    | { __typename: 'PaymentMethodRejectedError', code: string, message: string }
   };

export type RemovePaymentMethodMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RemovePaymentMethodMutation = { __typename?: 'Mutation', removePaymentMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
    | { __typename: 'RemovedPaymentMethod', id: string }
   };

export type SetDefaultMethodMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SetDefaultMethodMutation = { __typename?: 'Mutation', setDefaultMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
   };

export type CreateCardSetupMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateCardSetupMutation = { __typename?: 'Mutation', createCardSetup:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'CardSetup', id: string, clientSecret: string }
    | { __typename: 'PaymentNotPossibleError', code: string, message: string }
   };

export type InvoiceSummaryPartsFragment = { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, quantity: number, unitAmount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }> };

export type BalancePartsFragment = { __typename?: 'Balance', openInvoiceCount: number, totalOutstanding: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overdue: { __typename?: 'Money', amount: number, currency: string, formatted: string } };

export type PaymentPartsFragment = { __typename?: 'Payment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, cardBrand: string | null, cardLast4: string | null, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overpaid: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null };

export type PaymentMethodPartsFragment = { __typename?: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean };

export type InvoiceQueryVariables = Exact<{
  id?: InputMaybe<Scalars['ID']['input']>;
}>;


export type InvoiceQuery = { __typename?: 'Query', invoice: { __typename?: 'Invoice', currency: string, issuedAt: string, dueAt: string, overdue: boolean, payableOnline: boolean, id: string, number: string, status: InvoiceStatus, amountPaid: { __typename?: 'Money', amount: number, currency: string, formatted: string }, minimumPayment: { __typename?: 'Money', amount: number, currency: string, formatted: string }, maximumPayment: { __typename?: 'Money', amount: number, currency: string, formatted: string }, maximumPartialPayment: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, quantity: number, unitAmount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }> } };

export type BalanceQueryVariables = Exact<{ [key: string]: never; }>;


export type BalanceQuery = { __typename?: 'Query', balance: { __typename?: 'Balance', openInvoiceCount: number, totalOutstanding: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overdue: { __typename?: 'Money', amount: number, currency: string, formatted: string } } };

export type PaymentHistoryQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PaymentHistoryQuery = { __typename?: 'Query', paymentHistory: { __typename?: 'PaymentConnection', edges: Array<{ __typename?: 'PaymentEdge', cursor: string, node: { __typename?: 'Payment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, cardBrand: string | null, cardLast4: string | null, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overpaid: { __typename?: 'Money', amount: number, currency: string, formatted: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type PaymentMethodsQueryVariables = Exact<{ [key: string]: never; }>;


export type PaymentMethodsQuery = { __typename?: 'Query', paymentMethods: Array<{ __typename?: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean }> };

export type PortalPageQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalPageQuery = { __typename?: 'Query', invoice: { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, total: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, quantity: number, unitAmount: { __typename?: 'Money', amount: number, currency: string, formatted: string }, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }> }, balance: { __typename?: 'Balance', openInvoiceCount: number, totalOutstanding: { __typename?: 'Money', amount: number, currency: string, formatted: string }, overdue: { __typename?: 'Money', amount: number, currency: string, formatted: string } }, paymentHistory: { __typename?: 'PaymentConnection', edges: Array<{ __typename?: 'PaymentEdge', node: { __typename?: 'Payment', id: string, status: PaymentStatus, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } }, paymentMethods: Array<{ __typename?: 'PaymentMethod', id: string, brand: string, last4: string, isDefault: boolean }> };

export type PaymentLinkQueryVariables = Exact<{ [key: string]: never; }>;


export type PaymentLinkQuery = { __typename?: 'Query', paymentLink: { __typename?: 'PaymentLink', invoiceId: string | null, expiresAt: string, organization: { __typename?: 'Organization', name: string, supportEmail: string | null }, customer: { __typename?: 'Customer', id: string, name: string, email: string | null, locale: string | null, currency: string } } };

export type InvoicesQueryVariables = Exact<{
  status?: InputMaybe<InvoiceStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type InvoicesQuery = { __typename?: 'Query', invoices: { __typename?: 'InvoiceConnection', edges: Array<{ __typename?: 'InvoiceEdge', cursor: string, node: { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, issuedAt: string, dueAt: string, overdue: boolean, amountDue: { __typename?: 'Money', amount: number, currency: string, formatted: string }, minimumPayment: { __typename?: 'Money', amount: number, currency: string, formatted: string }, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, amount: { __typename?: 'Money', amount: number, currency: string, formatted: string } }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export const PaymentTokenPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentTokenParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentToken"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}},{"kind":"Field","name":{"kind":"Name","value":"useCount"}}]}}]} as unknown as DocumentNode<PaymentTokenPartsFragment, unknown>;
export const AdminApiKeyPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKeyParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]} as unknown as DocumentNode<AdminApiKeyPartsFragment, unknown>;
export const AdminInvoicePartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminInvoiceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminInvoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]} as unknown as DocumentNode<AdminInvoicePartsFragment, unknown>;
export const RefundPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RefundParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Refund"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"providerRefundId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RefundPartsFragment, unknown>;
export const DisputePartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DisputeParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dispute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"providerDisputeId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountWithdrawn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountReinstated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidenceDueBy"}}]}}]} as unknown as DocumentNode<DisputePartsFragment, unknown>;
export const EmailMessagePartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EmailMessageParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"failedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<EmailMessagePartsFragment, unknown>;
export const UserErrorPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UserErrorPartsFragment, unknown>;
export const InvoiceSummaryPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]} as unknown as DocumentNode<InvoiceSummaryPartsFragment, unknown>;
export const BalancePartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BalanceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Balance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalOutstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openInvoiceCount"}}]}}]} as unknown as DocumentNode<BalancePartsFragment, unknown>;
export const PaymentPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDisputed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overpaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}}]}}]} as unknown as DocumentNode<PaymentPartsFragment, unknown>;
export const PaymentMethodPartsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentMethodParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<PaymentMethodPartsFragment, unknown>;
export const CreateCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]} as unknown as DocumentNode<CreateCustomerMutation, CreateCustomerMutationVariables>;
export const CreateInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateInvoiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]} as unknown as DocumentNode<CreateInvoiceMutation, CreateInvoiceMutationVariables>;
export const GenerateCustomerPaymentTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateCustomerPaymentToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateCustomerPaymentTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateCustomerPaymentToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"GeneratedPaymentToken"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"paymentToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentTokenParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"email"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentTokenParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentToken"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}},{"kind":"Field","name":{"kind":"Name","value":"useCount"}}]}}]} as unknown as DocumentNode<GenerateCustomerPaymentTokenMutation, GenerateCustomerPaymentTokenMutationVariables>;
export const RevokeCustomerPaymentTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeCustomerPaymentToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeCustomerPaymentToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentTokenParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentTokenParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentToken"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}},{"kind":"Field","name":{"kind":"Name","value":"useCount"}}]}}]} as unknown as DocumentNode<RevokeCustomerPaymentTokenMutation, RevokeCustomerPaymentTokenMutationVariables>;
export const CustomerPaymentTokensDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerPaymentTokens"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerPaymentTokens"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentTokenParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentTokenParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentToken"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}},{"kind":"Field","name":{"kind":"Name","value":"useCount"}}]}}]} as unknown as DocumentNode<CustomerPaymentTokensQuery, CustomerPaymentTokensQueryVariables>;
export const AdminApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adminApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminApiKeyParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKeyParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]} as unknown as DocumentNode<AdminApiKeysQuery, AdminApiKeysQueryVariables>;
export const RevokeAdminApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeAdminApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"confirmLossOfAccess"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},"defaultValue":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAdminApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"confirmLossOfAccess"},"value":{"kind":"Variable","name":{"kind":"Name","value":"confirmLossOfAccess"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminApiKeyParts"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RevocationNeedsConfirmationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"consequences"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminApiKeyParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminApiKey"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]} as unknown as DocumentNode<RevokeAdminApiKeyMutation, RevokeAdminApiKeyMutationVariables>;
export const CustomerInvoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerInvoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminInvoiceParts"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminInvoiceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminInvoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]} as unknown as DocumentNode<CustomerInvoicesQuery, CustomerInvoicesQueryVariables>;
export const InvoicePaymentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InvoicePayments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"invoiceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoicePayments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"invoiceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminInvoiceParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"providerPaymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDisputed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overpaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}},{"kind":"Field","name":{"kind":"Name","value":"needsAttention"}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RefundParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disputes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DisputeParts"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminInvoiceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminInvoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RefundParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Refund"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"providerRefundId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DisputeParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Dispute"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"providerDisputeId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountWithdrawn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountReinstated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidenceDueBy"}}]}}]} as unknown as DocumentNode<InvoicePaymentsQuery, InvoicePaymentsQueryVariables>;
export const RefundPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefundPaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"RefundParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RefundExceedsRefundableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RefundRejectedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providerCode"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RefundParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Refund"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"providerRefundId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RefundPaymentMutation, RefundPaymentMutationVariables>;
export const VoidInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VoidInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"voidInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminInvoiceParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceNotVoidableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceStatus"}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminInvoiceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AdminInvoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"voidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]} as unknown as DocumentNode<VoidInvoiceMutation, VoidInvoiceMutationVariables>;
export const CustomerEmailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerEmails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEmails"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EmailMessageParts"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EmailMessageParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"failedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CustomerEmailsQuery, CustomerEmailsQueryVariables>;
export const RetryEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"EmailMessageParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailNotRetryableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"emailStatus"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EmailMessageParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailMessage"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"customerId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"failedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RetryEmailMutation, RetryEmailMutationVariables>;
export const RequestNewPaymentLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestNewPaymentLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestNewPaymentLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RequestNewPaymentLinkMutation, RequestNewPaymentLinkMutationVariables>;
export const CreatePaymentIntentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePaymentIntent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePaymentIntentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPaymentIntent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentIntent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AmountExceedsBalanceError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AmountBelowMinimumError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minimum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AmountAboveMaximumError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maximum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AmountLeavesUnpayableRemainderError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maximumPartial"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minimum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceNotPayableOnlineError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minimum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CurrencyMismatchError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedCurrency"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceNotPayableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceStatus"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreatePaymentIntentMutation, CreatePaymentIntentMutationVariables>;
export const ConfirmPaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmPayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"paymentIntentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"paymentIntentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"paymentIntentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentRequiresAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"nextActionType"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentPending"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentIntentId"}},{"kind":"Field","alias":{"kind":"Name","value":"intentStatus"},"name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentDeclinedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declineCode"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDisputed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overpaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ConfirmPaymentMutation, ConfirmPaymentMutationVariables>;
export const AddPaymentMethodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddPaymentMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPaymentMethodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addPaymentMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentMethodParts"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentMethodParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AddPaymentMethodMutation, AddPaymentMethodMutationVariables>;
export const RemovePaymentMethodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemovePaymentMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removePaymentMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemovedPaymentMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RemovePaymentMethodMutation, RemovePaymentMethodMutationVariables>;
export const SetDefaultMethodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDefaultMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDefaultMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentMethodParts"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentMethodParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<SetDefaultMethodMutation, SetDefaultMethodMutationVariables>;
export const CreateCardSetupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCardSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCardSetup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CardSetup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateCardSetupMutation, CreateCardSetupMutationVariables>;
export const InvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummaryParts"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"amountPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"payableOnline"}},{"kind":"Field","name":{"kind":"Name","value":"minimumPayment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maximumPayment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maximumPartialPayment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]} as unknown as DocumentNode<InvoiceQuery, InvoiceQueryVariables>;
export const BalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BalanceParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BalanceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Balance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalOutstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openInvoiceCount"}}]}}]} as unknown as DocumentNode<BalanceQuery, BalanceQueryVariables>;
export const PaymentHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PaymentHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentParts"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountRefunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDisputed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overpaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}}]}}]} as unknown as DocumentNode<PaymentHistoryQuery, PaymentHistoryQueryVariables>;
export const PaymentMethodsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PaymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentMethodParts"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentMethodParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PaymentMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<PaymentMethodsQuery, PaymentMethodsQueryVariables>;
export const PortalPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvoiceSummaryParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BalanceParts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvoiceSummaryParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invoice"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BalanceParts"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Balance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalOutstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openInvoiceCount"}}]}}]} as unknown as DocumentNode<PortalPageQuery, PortalPageQueryVariables>;
export const PaymentLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PaymentLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentLink"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"supportEmail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<PaymentLinkQuery, PaymentLinkQueryVariables>;
export const InvoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"amountDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minimumPayment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"formatted"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<InvoicesQuery, InvoicesQueryVariables>;