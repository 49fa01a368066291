import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EmailKind, EmailStatus } from '../../email/email-outbox';
import { EMAIL_RETRY_FAILURES, type EmailMessageView, type EmailRetryOutcome } from '../../email/email-admin.service';
import { resultUnion } from '../result-boundary';
import { PageInfoType } from './page-info.type';

registerEnumType(EmailKind, {
  name: 'EmailKind',
  description: 'What a message to a customer is.',
  valuesConfig: {
    PAYMENT_LINK: { description: 'A payment link, issued with sendEmail.' },
    RECEIPT: { description: 'The receipt of a payment, sent once per payment however it was recorded.' },
    REFUND_NOTICE: { description: 'A refund that was made, sent once per refund.' },
    REMINDER: { description: 'A reminder, with a new link, for an emailed link about to expire unpaid.' },
    FRESH_LINK: { description: 'A new link, asked for by the holder of an expired one.' },
  },
});

registerEnumType(EmailStatus, {
  name: 'EmailStatus',
  description: 'Where a message is on its way out.',
  valuesConfig: {
    QUEUED: { description: 'Waiting to be sent, or to be tried again after a temporary failure (see lastError and nextAttemptAt).' },
    SENT: { description: 'The mail server accepted it (sentAt).' },
    FAILED: { description: 'It will not be sent: the server refused it for good, or every try failed. retryEmail sends it again.' },
  },
});

@ObjectType('EmailMessage', { simpleResolvers: true, description: 'A message to a customer, as the outbox keeps it: never its content.' })
export class EmailMessageType {
  @Field(() => ID, { description: 'Pass to retryEmail.' })
  id!: string;

  @Field(() => ID, { description: 'The customer it is for.' })
  customerId!: string;

  @Field(() => EmailKind, { description: 'What it is.' })
  kind!: EmailKind;

  @Field(() => String, { description: "The address it goes to: the customer's email when it was queued." })
  recipient!: string;

  @Field(() => String, { description: 'Its subject line.' })
  subject!: string;

  @Field(() => EmailStatus, { description: 'Where it is: QUEUED, SENT or FAILED.' })
  status!: EmailStatus;

  @Field(() => Int, { description: 'How many times sending it was tried.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "The mail server's answer to the last failed try (e.g. 550 No such user); null when none failed." })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next try is due, while QUEUED; null otherwise.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it; null until then.' })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it failed for good; null unless FAILED.' })
  failedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether retryEmail can send it again: FAILED, with its content still kept (EMAIL_FAILED_BODY_RETENTION_DAYS).' })
  retryable!: boolean;

  @Field(() => String, { description: 'Its Message-ID header, the same on every try: find it in a mail server\'s logs.' })
  messageId!: string;

  @Field(() => Date, { description: 'When it was queued: with what it reports (the link issued, the payment recorded).' })
  createdAt!: Date;
}

export const emailMessageType = (view: EmailMessageView): EmailMessageType => view;

@ObjectType('EmailMessageEdge', { simpleResolvers: true, description: 'A message in a page of customerEmails.' })
export class EmailMessageEdgeType {
  @Field(() => String, { description: 'Opaque position of this message; pass as customerEmails(after:) to continue after it.' })
  cursor!: string;

  @Field(() => EmailMessageType, { description: 'The message.' })
  node!: EmailMessageType;
}

@ObjectType('EmailMessageConnection', { simpleResolvers: true, description: "A page of a customer's messages, newest first (a Relay cursor connection)." })
export class EmailMessageConnectionType {
  @Field(() => [EmailMessageEdgeType], { description: 'The messages of this page, newest first.' })
  edges!: EmailMessageEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether there is more, and the cursors to get it.' })
  pageInfo!: PageInfoType;
}

@ObjectType('QueuedEmail', { simpleResolvers: true, description: 'A message queued with what it reports; see customerEmails for how it went.' })
export class QueuedEmailType {
  @Field(() => ID, { description: 'EmailMessage.id of the message.' })
  id!: string;

  @Field(() => String, { description: 'The address it goes to.' })
  recipient!: string;
}

export const RetryEmailResult = resultUnion<EmailRetryOutcome>()(
  'RetryEmailResult',
  'The message, QUEUED again, or why it cannot be sent again.',
  { email: { type: EmailMessageType, outcome: 'email_retried', view: ({ message }) => emailMessageType(message) } },
  EMAIL_RETRY_FAILURES,
);
