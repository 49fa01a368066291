import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

/** Whether an admin API key still works. */
export type AdminApiKeyStatus =
  /** It works (until expiresAt, when it has one). */
  | 'ACTIVE'
  /** Past expiresAt: it no longer works. */
  | 'EXPIRED'
  /** It was revoked: it no longer works. */
  | 'REVOKED';

/** What revoking an admin API key would cost. */
export type AdminKeyRevocationConsequence =
  /** The organization has no active admin API key left; only an operator can create one, with the CLI. */
  | 'LEAVES_NO_ACTIVE_KEY'
  /** The key making the request stops working: the next request with it is refused. */
  | 'REVOKES_OWN_KEY';

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

/** One line of a new invoice. */
export type InvoiceLineItemInput = {
  /** What was sold, 1 to 500 characters. */
  description: Scalars['String']['input'];
  /** How many units, 1 to 1000000. */
  quantity: Scalars['Int']['input'];
  /** The price of one unit in minor units (cents) of the customer's currency, 0 or more. */
  unitAmount: Scalars['Int']['input'];
};

/** Where an invoice stands. */
export type InvoiceStatus =
  /** Issued and not fully paid: it can be paid. */
  | 'OPEN'
  /** Paid in full. A later refund lowers amountPaid but does not reopen it; only a dispute that takes money back does. */
  | 'PAID'
  /** Cancelled by the business: nothing is owed and it cannot be paid. */
  | 'VOID';

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

/** Whether a payment link still opens. */
export type PaymentTokenStatus =
  /** It works until expiresAt. */
  | 'ACTIVE'
  /** Past expiresAt: it no longer works. */
  | 'EXPIRED'
  /** An admin revoked it: it no longer works. */
  | 'REVOKED';

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

/** Why the business gives money back, in the payment provider's categories. */
export type RefundReason =
  /** The customer paid twice. */
  | 'DUPLICATE'
  /** The payment was fraudulent (the provider may use this to block the card). */
  | 'FRAUDULENT'
  /** The customer asked for it (a return, a goodwill gesture). */
  | 'REQUESTED_BY_CUSTOMER';

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

export type StartCardSetupMutationVariables = Exact<{ [key: string]: never; }>;


export type StartCardSetupMutation = { __typename?: 'Mutation', createCardSetup:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'CardSetup', id: string, clientSecret: string }
    | { __typename: 'PaymentNotPossibleError', code: string, message: string }
   };

export type SaveCardMutationVariables = Exact<{
  input: AddPaymentMethodInput;
}>;


export type SaveCardMutation = { __typename?: 'Mutation', addPaymentMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean }
    | { __typename: 'PaymentMethodRejectedError', code: string, message: string }
   };

export type MakeDefaultCardMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type MakeDefaultCardMutation = { __typename?: 'Mutation', setDefaultMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethod', id: string, isDefault: boolean }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
   };

export type RemoveCardMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RemoveCardMutation = { __typename?: 'Mutation', removePaymentMethod:
    | { __typename: 'CardManagementNotAllowedError', code: string, message: string }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
    | { __typename: 'RemovedPaymentMethod', id: string }
   };

export type OlderPaymentsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after: Scalars['String']['input'];
}>;


export type OlderPaymentsQuery = { __typename?: 'Query', paymentHistory: { __typename?: 'PaymentConnection', edges: Array<{ __typename?: 'PaymentEdge', node: { __typename?: 'Payment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, cardBrand: string | null, cardLast4: string | null, amount: { __typename?: 'Money', amount: number, currency: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type PortalHomeQueryVariables = Exact<{
  invoicesFirst: Scalars['Int']['input'];
  historyFirst: Scalars['Int']['input'];
}>;


export type PortalHomeQuery = { __typename?: 'Query', paymentLink: { __typename?: 'PaymentLink', invoiceId: string | null, expiresAt: string, organization: { __typename?: 'Organization', name: string, supportEmail: string | null }, customer: { __typename?: 'Customer', name: string } }, balance: { __typename?: 'Balance', openInvoiceCount: number, totalOutstanding: { __typename?: 'Money', amount: number, currency: string }, overdue: { __typename?: 'Money', amount: number, currency: string } }, invoices: { __typename?: 'InvoiceConnection', edges: Array<{ __typename?: 'InvoiceEdge', node: { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, overdue: boolean, currency: string, issuedAt: string, dueAt: string, payableOnline: boolean, total: { __typename?: 'Money', amount: number, currency: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string }, amountDue: { __typename?: 'Money', amount: number, currency: string }, minimumPayment: { __typename?: 'Money', amount: number, currency: string }, maximumPayment: { __typename?: 'Money', amount: number, currency: string }, maximumPartialPayment: { __typename?: 'Money', amount: number, currency: string } | null, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, quantity: number, unitAmount: { __typename?: 'Money', amount: number, currency: string }, amount: { __typename?: 'Money', amount: number, currency: string } }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } }, paymentMethods: Array<{ __typename?: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number, isDefault: boolean }>, paymentHistory: { __typename?: 'PaymentConnection', edges: Array<{ __typename?: 'PaymentEdge', node: { __typename?: 'Payment', id: string, status: PaymentStatus, createdAt: string, invoiceId: string, cardBrand: string | null, cardLast4: string | null, amount: { __typename?: 'Money', amount: number, currency: string }, amountRefunded: { __typename?: 'Money', amount: number, currency: string }, amountDisputed: { __typename?: 'Money', amount: number, currency: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type MoreInvoicesQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after: Scalars['String']['input'];
}>;


export type MoreInvoicesQuery = { __typename?: 'Query', invoices: { __typename?: 'InvoiceConnection', edges: Array<{ __typename?: 'InvoiceEdge', node: { __typename?: 'Invoice', id: string, number: string, status: InvoiceStatus, overdue: boolean, currency: string, issuedAt: string, dueAt: string, payableOnline: boolean, total: { __typename?: 'Money', amount: number, currency: string }, amountPaid: { __typename?: 'Money', amount: number, currency: string }, amountDue: { __typename?: 'Money', amount: number, currency: string }, minimumPayment: { __typename?: 'Money', amount: number, currency: string }, maximumPayment: { __typename?: 'Money', amount: number, currency: string }, maximumPartialPayment: { __typename?: 'Money', amount: number, currency: string } | null, lineItems: Array<{ __typename?: 'InvoiceLineItem', description: string, quantity: number, unitAmount: { __typename?: 'Money', amount: number, currency: string }, amount: { __typename?: 'Money', amount: number, currency: string } }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type RequestNewPaymentLinkMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestNewPaymentLinkMutation = { __typename?: 'Mutation', requestNewPaymentLink: { __typename?: 'NewPaymentLinkRequest', message: string } };

export type StartPaymentMutationVariables = Exact<{
  input: CreatePaymentIntentInput;
}>;


export type StartPaymentMutation = { __typename?: 'Mutation', createPaymentIntent:
    | { __typename: 'AmountAboveMaximumError', code: string, message: string, maximum: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'AmountBelowMinimumError', code: string, message: string, minimum: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'AmountExceedsBalanceError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'AmountLeavesUnpayableRemainderError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string }, maximumPartial: { __typename?: 'Money', amount: number, currency: string } | null, minimum: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'CurrencyMismatchError', code: string, message: string }
    | { __typename: 'InvalidAmountError', code: string, message: string }
    | { __typename: 'InvoiceNotPayableError', code: string, message: string }
    | { __typename: 'InvoiceNotPayableOnlineError', code: string, message: string, amountDue: { __typename?: 'Money', amount: number, currency: string }, minimum: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'PaymentDeclinedError', code: string, message: string }
    | { __typename: 'PaymentInProgressError', code: string, message: string }
    | { __typename: 'PaymentIntent', id: string, clientSecret: string, status: PaymentIntentStatus, amount: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'PaymentMethodNotFoundError', code: string, message: string }
    | { __typename: 'PaymentNotPossibleError', code: string, message: string }
   };

export type FinishPaymentMutationVariables = Exact<{
  paymentIntentId: Scalars['String']['input'];
}>;


export type FinishPaymentMutation = { __typename?: 'Mutation', confirmPayment:
    | { __typename: 'Payment', id: string, status: PaymentStatus, invoiceId: string, cardBrand: string | null, cardLast4: string | null, createdAt: string, amount: { __typename?: 'Money', amount: number, currency: string } }
    | { __typename: 'PaymentCanceledError', code: string, message: string }
    | { __typename: 'PaymentDeclinedError', code: string, message: string, declineCode: string | null }
    | { __typename: 'PaymentNotConfirmedError', code: string, message: string }
    | { __typename: 'PaymentPending', paymentIntentId: string }
    | { __typename: 'PaymentRequiresAction', paymentIntentId: string, clientSecret: string, nextActionType: string }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const StartCardSetupDocument = new TypedDocumentString(`
    mutation StartCardSetup {
  createCardSetup {
    __typename
    ... on CardSetup {
      id
      clientSecret
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<StartCardSetupMutation, StartCardSetupMutationVariables>;
export const SaveCardDocument = new TypedDocumentString(`
    mutation SaveCard($input: AddPaymentMethodInput!) {
  addPaymentMethod(input: $input) {
    __typename
    ... on PaymentMethod {
      id
      brand
      last4
      expMonth
      expYear
      isDefault
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<SaveCardMutation, SaveCardMutationVariables>;
export const MakeDefaultCardDocument = new TypedDocumentString(`
    mutation MakeDefaultCard($id: ID!) {
  setDefaultMethod(id: $id) {
    __typename
    ... on PaymentMethod {
      id
      isDefault
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<MakeDefaultCardMutation, MakeDefaultCardMutationVariables>;
export const RemoveCardDocument = new TypedDocumentString(`
    mutation RemoveCard($id: ID!) {
  removePaymentMethod(id: $id) {
    __typename
    ... on RemovedPaymentMethod {
      id
    }
    ... on UserError {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RemoveCardMutation, RemoveCardMutationVariables>;
export const OlderPaymentsDocument = new TypedDocumentString(`
    query OlderPayments($first: Int!, $after: String!) {
  paymentHistory(first: $first, after: $after) {
    edges {
      node {
        id
        status
        createdAt
        invoiceId
        amount {
          amount
          currency
        }
        amountRefunded {
          amount
          currency
        }
        amountDisputed {
          amount
          currency
        }
        cardBrand
        cardLast4
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<OlderPaymentsQuery, OlderPaymentsQueryVariables>;
export const PortalHomeDocument = new TypedDocumentString(`
    query PortalHome($invoicesFirst: Int!, $historyFirst: Int!) {
  paymentLink {
    invoiceId
    expiresAt
    organization {
      name
      supportEmail
    }
    customer {
      name
    }
  }
  balance {
    openInvoiceCount
    totalOutstanding {
      amount
      currency
    }
    overdue {
      amount
      currency
    }
  }
  invoices(first: $invoicesFirst) {
    edges {
      node {
        id
        number
        status
        overdue
        currency
        issuedAt
        dueAt
        total {
          amount
          currency
        }
        amountPaid {
          amount
          currency
        }
        amountDue {
          amount
          currency
        }
        payableOnline
        minimumPayment {
          amount
          currency
        }
        maximumPayment {
          amount
          currency
        }
        maximumPartialPayment {
          amount
          currency
        }
        lineItems {
          description
          quantity
          unitAmount {
            amount
            currency
          }
          amount {
            amount
            currency
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  paymentMethods {
    id
    brand
    last4
    expMonth
    expYear
    isDefault
  }
  paymentHistory(first: $historyFirst) {
    edges {
      node {
        id
        status
        createdAt
        invoiceId
        amount {
          amount
          currency
        }
        amountRefunded {
          amount
          currency
        }
        amountDisputed {
          amount
          currency
        }
        cardBrand
        cardLast4
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PortalHomeQuery, PortalHomeQueryVariables>;
export const MoreInvoicesDocument = new TypedDocumentString(`
    query MoreInvoices($first: Int!, $after: String!) {
  invoices(first: $first, after: $after) {
    edges {
      node {
        id
        number
        status
        overdue
        currency
        issuedAt
        dueAt
        total {
          amount
          currency
        }
        amountPaid {
          amount
          currency
        }
        amountDue {
          amount
          currency
        }
        payableOnline
        minimumPayment {
          amount
          currency
        }
        maximumPayment {
          amount
          currency
        }
        maximumPartialPayment {
          amount
          currency
        }
        lineItems {
          description
          quantity
          unitAmount {
            amount
            currency
          }
          amount {
            amount
            currency
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MoreInvoicesQuery, MoreInvoicesQueryVariables>;
export const RequestNewPaymentLinkDocument = new TypedDocumentString(`
    mutation RequestNewPaymentLink {
  requestNewPaymentLink {
    message
  }
}
    `) as unknown as TypedDocumentString<RequestNewPaymentLinkMutation, RequestNewPaymentLinkMutationVariables>;
export const StartPaymentDocument = new TypedDocumentString(`
    mutation StartPayment($input: CreatePaymentIntentInput!) {
  createPaymentIntent(input: $input) {
    __typename
    ... on PaymentIntent {
      id
      clientSecret
      status
      amount {
        amount
        currency
      }
    }
    ... on UserError {
      code
      message
    }
    ... on AmountExceedsBalanceError {
      amountDue {
        amount
        currency
      }
    }
    ... on AmountBelowMinimumError {
      minimum {
        amount
        currency
      }
    }
    ... on AmountAboveMaximumError {
      maximum {
        amount
        currency
      }
    }
    ... on AmountLeavesUnpayableRemainderError {
      amountDue {
        amount
        currency
      }
      maximumPartial {
        amount
        currency
      }
      minimum {
        amount
        currency
      }
    }
    ... on InvoiceNotPayableOnlineError {
      amountDue {
        amount
        currency
      }
      minimum {
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StartPaymentMutation, StartPaymentMutationVariables>;
export const FinishPaymentDocument = new TypedDocumentString(`
    mutation FinishPayment($paymentIntentId: String!) {
  confirmPayment(paymentIntentId: $paymentIntentId) {
    __typename
    ... on Payment {
      id
      status
      invoiceId
      amount {
        amount
        currency
      }
      cardBrand
      cardLast4
      createdAt
    }
    ... on PaymentRequiresAction {
      paymentIntentId
      clientSecret
      nextActionType
    }
    ... on PaymentPending {
      paymentIntentId
    }
    ... on UserError {
      code
      message
    }
    ... on PaymentDeclinedError {
      declineCode
    }
  }
}
    `) as unknown as TypedDocumentString<FinishPaymentMutation, FinishPaymentMutationVariables>;