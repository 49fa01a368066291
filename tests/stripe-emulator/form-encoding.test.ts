import { decodeStripeForm } from '../../src/stripe-emulator/form-encoding';

describe('Stripe emulator: form decoding', () => {
  it('decodes Stripe\'s bracket encoding into nested objects and arrays', () => {
    const body = 'amount=500&metadata[invoice_id]=inv_1&metadata[0]=zero&expand[0]=latest_charge&expand[]=customer'
      + '&automatic_payment_methods[enabled]=true&billing_details[address][postal_code]=12345';
    expect(decodeStripeForm(body)).toEqual({
      amount: '500', metadata: { invoice_id: 'inv_1', 0: 'zero' }, expand: ['latest_charge', 'customer'],
      automatic_payment_methods: { enabled: 'true' }, billing_details: { address: { postal_code: '12345' } },
    });
  });

  it('accepts percent-encoded brackets', () => {
    expect(decodeStripeForm('allowed_payment_method_types%5B0%5D=card')).toEqual({ allowed_payment_method_types: ['card'] });
  });
});
