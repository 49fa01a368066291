import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Customer')
export class CustomerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String)
  currency!: string;

  @Field(() => Date)
  createdAt!: Date;
}
