/**
 * Email without SMTP_URL. In development and test, messages still go through the outbox and the sender, and land in
 * the dev mailbox, shown at /dev/mailbox; nothing leaves the machine. In production email is off: the server starts,
 * says so once, and an admin asking for an email gets EmailNotConfiguredError, never a silent drop.
 */
import { CustomerEmailsDocument, GenerateCustomerPaymentTokenDocument, InvoiceDocument } from '../graphql/generated/operations';
import { issuedLink, seedCustomer } from '../support/fixtures';
import { linkIn } from '../support/smtp-sink';
import { graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';

describe('development and test without SMTP_URL: the dev mailbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_RATE_LIMITS, EMAIL_SEND_POLL_MS: '50' });
  });
  afterAll(() => t?.stop());

  it('receives what the server sends, and /dev/mailbox lists it and shows it rendered', async () => {
    const seed = await seedCustomer(t);
    const issued = issuedLink(
      (await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId, invoiceId: seed.invoiceIds[1], sendEmail: true } }, { token: seed.adminApiKey })).body
        .data!.generateCustomerPaymentToken,
    );
    expect(issued.email).toMatchObject({ recipient: 'ada@example.com' });

    // The sender delivers it to the mailbox, as it would to SMTP: SENT, with its Message-ID.
    let list: Array<{ number: number; to: string; subject: string; messageId: string; text: string }> = [];
    for (let i = 0; i < 200 && !list.some((m) => m.to === 'ada@example.com'); i++) {
      list = (await (await fetch(`${t.url}/dev/mailbox/messages.json`)).json()) as typeof list;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const message = list.find((m) => m.to === 'ada@example.com')!;
    expect(message.subject).toMatch(/^Invoice .+ from Demo Organization: pay online$/);
    const token = linkIn(message.text);
    expect(token).toBe(issued.token);
    expect((await graphql(t.url, InvoiceDocument, {}, { token })).body.data!.invoice.id).toBe(seed.invoiceIds[1]);
    const emails = (await graphql(t.url, CustomerEmailsDocument, { customerId: seed.customerId }, { token: seed.adminApiKey })).body.data!.customerEmails.edges;
    expect(emails.map((e) => [e.node.kind, e.node.status, e.node.messageId])).toEqual([['PAYMENT_LINK', 'SENT', message.messageId]]);

    const page = await fetch(`${t.url}/dev/mailbox`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Dev mailbox');
    expect(html).toContain(`href="/dev/mailbox/${message.number}"`);

    const shown = await (await fetch(`${t.url}/dev/mailbox/${message.number}`)).text();
    expect(shown).toContain('Reply-To');
    expect(shown).toContain(`src="/dev/mailbox/${message.number}/html"`);
    const part = await fetch(`${t.url}/dev/mailbox/${message.number}/html`);
    expect(part.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(await part.text()).toContain(`href="https://pay.example.com/pay#${token}"`);
    const raw = await (await fetch(`${t.url}/dev/mailbox/${message.number}.eml`)).text();
    expect(raw).toMatch(new RegExp(`^Message-ID: ${message.messageId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect((await fetch(`${t.url}/dev/mailbox/999999`)).status).toBe(404);
  });
});

describe('production without SMTP_URL: email is off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_RATE_LIMITS, NODE_ENV: 'production', LOG_LEVEL: 'info' });
  });
  afterAll(() => t?.stop());

  it('starts, says once that email is off, serves no dev mailbox', async () => {
    const lines = t.logs().split('\n').filter((line) => line.includes('email is off'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40 });
    expect((await fetch(`${t.url}/dev/mailbox`)).status).toBe(404);
    expect((await fetch(`${t.url}/dev/mailbox/messages.json`)).status).toBe(404);
  });

  it('answers an admin asking to email a link with EmailNotConfiguredError, and issues no link; without sendEmail it issues one', async () => {
    const seed = await seedCustomer(t);
    const tokens = () => t.app.database.prisma.customerPaymentToken.count({ where: { customerId: seed.customerId } });
    const before = await tokens();
    const refused = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId, sendEmail: true } }, { token: seed.adminApiKey });
    expect(refused.body.data!.generateCustomerPaymentToken).toMatchObject({ __typename: 'EmailNotConfiguredError', code: 'EMAIL_NOT_CONFIGURED' });
    expect(await tokens()).toBe(before);

    const issued = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: seed.customerId } }, { token: seed.adminApiKey });
    expect(issuedLink(issued.body.data!.generateCustomerPaymentToken).email).toBeNull();
    expect(await tokens()).toBe(before + 1);
    expect(await t.app.database.prisma.emailMessage.count()).toBe(0);
  });
});
