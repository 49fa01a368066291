import { Field, ObjectType } from 'type-graphql';

@ObjectType('NewPaymentLinkRequest', {
  simpleResolvers: true,
  description: 'The answer to requestNewPaymentLink: always the same, whatever happened, so it tells nothing about the link or the customer.',
})
export class NewPaymentLinkRequestType {
  @Field(() => String, { description: 'What to tell the customer: if the link had expired and an email address is on file, a new link was sent to it.' })
  message!: string;
}
