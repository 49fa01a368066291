/** Admins issue, list and revoke payment links for their own organization's customers, and list and revoke its admin keys. */
import {
  AdminApiKeysDocument,
  BalanceDocument,
  CreateCustomerDocument,
  CreateInvoiceDocument,
  CustomerPaymentTokensDocument,
  GenerateCustomerPaymentTokenDocument,
  InvoiceDocument,
  RevokeAdminApiKeyDocument,
  RevokeCustomerPaymentTokenDocument,
} from '../graphql/generated/operations';
import { anotherCustomer, createAdminKey, expireToken, seedCustomer, type SeededCustomer, issuedLink } from '../support/fixtures';
import { errorCodes, graphql, NO_RATE_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { CredentialUsageRecorder } from '../../src/domain/credential-usage.recorder';
import { operatorPrincipal } from '../../src/domain/principal';

let t: TestApp;
let acme: SeededCustomer;
let globex: SeededCustomer;

beforeAll(async () => {
  // Usage is written when a test calls flush(): with the default 1 s timer a flush could split a test's uses in two.
  t = await startTestApp({ ...NO_RATE_LIMITS, TRUSTED_PROXIES: '127.0.0.1', TOKEN_USAGE_FLUSH_MS: '60000' });
  acme = await seedCustomer(t);
  globex = await seedCustomer(t);
});
afterAll(() => t?.stop());

describe('generateCustomerPaymentToken', () => {
  it('returns the token once, a link to it, and the token record without its secret', async () => {
    const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId, expiresInDays: 3 } }, { token: acme.adminApiKey });
    expect(res.body.errors).toBeUndefined();
    const issued = issuedLink(res.body.data!.generateCustomerPaymentToken);
    expect(issued.token).toMatch(/^cpt_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    expect(issued.url).toBe(`https://pay.example.com/pay#${issued.token}`);
    expect(issued.paymentToken).toMatchObject({ customerId: acme.customerId, invoiceId: null, status: 'ACTIVE', useCount: 0, lastUsedAt: null, revokedAt: null });
    const lifetime = Date.parse(issued.paymentToken.expiresAt) - Date.parse(issued.paymentToken.createdAt);
    expect(Math.round(lifetime / 86_400_000)).toBe(3);
    expect(JSON.stringify(issued.paymentToken)).not.toContain(issued.token.slice(29));

    const works = await graphql(t.url, InvoiceDocument, {}, { token: issued.token });
    expect(works.body.data!.invoice.id).toBe(acme.invoiceIds[0]);
  });

  it('defaults to PAYMENT_TOKEN_LIFETIME_DAYS (7)', async () => {
    const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId } }, { token: acme.adminApiKey });
    const { createdAt, expiresAt } = issuedLink(res.body.data!.generateCustomerPaymentToken).paymentToken;
    expect(Math.round((Date.parse(expiresAt) - Date.parse(createdAt)) / 86_400_000)).toBe(7);
  });

  it.each([0, 91, -5])('refuses expiresInDays %i with BAD_USER_INPUT', async (days) => {
    const before = await t.app.database.prisma.customerPaymentToken.count();
    const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId, expiresInDays: days } }, { token: acme.adminApiKey });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await t.app.database.prisma.customerPaymentToken.count()).toBe(before);
  });

  it('binds a link to one invoice of the customer', async () => {
    const res = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId, invoiceId: acme.invoiceIds[1] } }, { token: acme.adminApiKey });
    const { token, paymentToken } = issuedLink(res.body.data!.generateCustomerPaymentToken);
    expect(paymentToken.invoiceId).toBe(acme.invoiceIds[1]);
    expect((await graphql(t.url, InvoiceDocument, {}, { token })).body.data!.invoice.id).toBe(acme.invoiceIds[1]);
  });

  it("answers another organization's customer or invoice exactly like a missing one, and refuses another customer's invoice", async () => {
    const foreign = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: globex.customerId } }, { token: acme.adminApiKey });
    const missing = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: 'no-such-customer' } }, { token: acme.adminApiKey });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.body).toEqual(missing.body);
    const foreignInvoice = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId, invoiceId: globex.invoiceIds[0] } }, { token: acme.adminApiKey });
    expect(foreignInvoice.body.errors).toEqual([expect.objectContaining({ message: 'Invoice not found.', extensions: { code: 'NOT_FOUND' } })]);
    const other = await anotherCustomer(t, acme);
    const mismatched = await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId, invoiceId: other.invoiceId } }, { token: acme.adminApiKey });
    expect(errorCodes(mismatched)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('revokeCustomerPaymentToken and customerPaymentTokens', () => {
  it('revokes a link, which then fails on the next request, and lists it as REVOKED', async () => {
    const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId } }, { token: acme.adminApiKey })).body.data!.generateCustomerPaymentToken);
    expect((await graphql(t.url, BalanceDocument, undefined, { token: issued.token })).body.errors).toBeUndefined();

    const revoked = await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: issued.paymentToken.id }, { token: acme.adminApiKey });
    expect(revoked.body.data!.revokeCustomerPaymentToken).toMatchObject({ id: issued.paymentToken.id, status: 'REVOKED' });
    expect(errorCodes(await graphql(t.url, BalanceDocument, undefined, { token: issued.token }))).toEqual(['UNAUTHENTICATED']);

    // Usage is written behind requests, within TOKEN_USAGE_FLUSH_MS; flush() writes it now.
    await t.app.services.usage.flush();
    const list = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: acme.customerId }, { token: acme.adminApiKey });
    const listed = list.body.data!.customerPaymentTokens.find((tok) => tok.id === issued.paymentToken.id)!;
    expect(listed).toMatchObject({ status: 'REVOKED', useCount: 1 });
    expect(JSON.stringify(list.body)).not.toMatch(/cpt_/);
  });

  it('shows EXPIRED for a link past its expiry', async () => {
    await expireToken(t, acme.tokenId);
    const list = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: acme.customerId }, { token: acme.adminApiKey });
    expect(list.body.data!.customerPaymentTokens.find((tok) => tok.id === acme.tokenId)!.status).toBe('EXPIRED');
  });

  it("cannot revoke or list another organization's links, which look like missing ones", async () => {
    const revoke = await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: globex.tokenId }, { token: acme.adminApiKey });
    expect(errorCodes(revoke)).toEqual(['NOT_FOUND']);
    const list = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: globex.customerId }, { token: acme.adminApiKey });
    expect(errorCodes(list)).toEqual(['NOT_FOUND']);
    const own = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: globex.customerId }, { token: globex.adminApiKey });
    expect(own.body.data!.customerPaymentTokens.find((tok) => tok.id === globex.tokenId)!.revokedAt).toBeNull();
  });
});

describe('usage tracking', () => {
  it('records lastUsedAt, useCount and the client IP, believing X-Forwarded-For only from a trusted proxy', async () => {
    const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: globex.customerId } }, { token: globex.adminApiKey })).body.data!.generateCustomerPaymentToken);
    // The test server trusts 127.0.0.1 as a proxy, so the forwarded address is the client's.
    await graphql(t.url, BalanceDocument, undefined, { token: issued.token, headers: { 'x-forwarded-for': '198.51.100.7' } });
    await graphql(t.url, BalanceDocument, undefined, { token: issued.token, headers: { 'x-forwarded-for': '203.0.113.9, 127.0.0.1' } });
    await t.app.services.usage.flush();
    const list = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: globex.customerId }, { token: globex.adminApiKey });
    const row = list.body.data!.customerPaymentTokens.find((tok) => tok.id === issued.paymentToken.id)!;
    expect(row.useCount).toBe(2);
    expect(row.lastUsedIp).toBe('203.0.113.9');
    expect(Date.now() - Date.parse(row.lastUsedAt!)).toBeLessThan(60_000);
  });

  it('writes the uses between two flushes as one TOKEN_USED row per client address, with their count and request ids', async () => {
    const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: globex.customerId } }, { token: globex.adminApiKey })).body.data!.generateCustomerPaymentToken);
    const requestIds: Record<string, string[]> = { '198.51.100.7': [], '203.0.113.9': [] };
    for (const ip of ['198.51.100.7', '203.0.113.9', '198.51.100.7', '198.51.100.7', '203.0.113.9']) {
      const res = await graphql(t.url, BalanceDocument, undefined, { token: issued.token, headers: { 'x-forwarded-for': ip } });
      requestIds[ip].push(res.headers.get('x-request-id')!);
    }
    await t.app.services.usage.flush();

    const rows = await t.app.database.prisma.auditLog.findMany({ where: { action: 'TOKEN_USED', targetId: issued.paymentToken.id }, orderBy: { ip: 'asc' } });
    expect(rows.map((row) => ({ ip: row.ip, ...JSON.parse(row.details!) }))).toEqual([
      { ip: '198.51.100.7', uses: 3, requestIds: requestIds['198.51.100.7'], firstUsedAt: expect.any(String), lastUsedAt: expect.any(String) },
      { ip: '203.0.113.9', uses: 2, requestIds: requestIds['203.0.113.9'], firstUsedAt: expect.any(String), lastUsedAt: expect.any(String) },
    ]);
    const token = await t.app.database.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: issued.paymentToken.id } });
    expect(token).toMatchObject({ useCount: 5, lastUsedIp: '203.0.113.9' });

    // Nothing new since: the next flush writes nothing.
    await t.app.services.usage.flush();
    expect(await t.app.database.prisma.auditLog.count({ where: { action: 'TOKEN_USED', targetId: issued.paymentToken.id } })).toBe(2);
  });

  it("records an admin key's use the same way: its lastUsedAt, and one ADMIN_KEY_USED row per client address with the uses and request ids", async () => {
    const key = await createAdminKey(t, globex.organizationId);
    const requestIds: Record<string, string[]> = { '198.51.100.7': [], '203.0.113.9': [] };
    for (const ip of ['198.51.100.7', '203.0.113.9', '198.51.100.7', '203.0.113.9', '203.0.113.9']) {
      const res = await graphql(t.url, CustomerPaymentTokensDocument, { customerId: globex.customerId }, { token: key.secret, headers: { 'x-forwarded-for': ip } });
      expect(res.body.errors).toBeUndefined();
      requestIds[ip].push(res.headers.get('x-request-id')!);
    }
    await t.app.services.usage.flush();

    const rows = await t.app.database.prisma.auditLog.findMany({ where: { action: 'ADMIN_KEY_USED', targetId: key.id }, orderBy: { ip: 'asc' } });
    expect(rows.map((row) => ({ ip: row.ip, actorType: row.actorType, organizationId: row.organizationId, ...JSON.parse(row.details!) }))).toEqual([
      { ip: '198.51.100.7', actorType: 'ADMIN_KEY', organizationId: globex.organizationId, uses: 2, requestIds: requestIds['198.51.100.7'], firstUsedAt: expect.any(String), lastUsedAt: expect.any(String) },
      { ip: '203.0.113.9', actorType: 'ADMIN_KEY', organizationId: globex.organizationId, uses: 3, requestIds: requestIds['203.0.113.9'], firstUsedAt: expect.any(String), lastUsedAt: expect.any(String) },
    ]);
    // The key's last use is the last request's, which came from 203.0.113.9.
    const { lastUsedAt } = await t.app.database.prisma.adminApiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(lastUsedAt?.toISOString()).toBe(JSON.parse(rows[1].details!).lastUsedAt);
    expect(Date.now() - lastUsedAt!.getTime()).toBeLessThan(60_000);

    // Nothing new since: the next flush writes nothing.
    await t.app.services.usage.flush();
    expect(await t.app.database.prisma.auditLog.count({ where: { action: 'ADMIN_KEY_USED', targetId: key.id } })).toBe(2);
  });

  it('adds up the uses two instances write, and never moves lastUsedAt back to an older one', async () => {
    const seed = await seedCustomer(t);
    const token = { id: seed.tokenId, organizationId: seed.organizationId };
    // Another server process's recorder on the same database.
    const otherInstance = new CredentialUsageRecorder(t.app.database.prisma, { flushIntervalMs: 60_000 });
    const now = Date.now();
    t.app.services.usage.record('paymentToken', token, new Date(now), { ip: '198.51.100.1', requestId: 'newer' });
    otherInstance.record('paymentToken', token, new Date(now - 5_000), { ip: '198.51.100.2', requestId: 'older' });

    // The newer use is written first; the older one arrives with the other instance's later flush.
    await t.app.services.usage.flush();
    await otherInstance.close();

    const row = await t.app.database.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: seed.tokenId } });
    expect(row).toMatchObject({ useCount: 2, lastUsedAt: new Date(now), lastUsedIp: '198.51.100.1' });
    expect(await t.app.database.prisma.auditLog.count({ where: { action: 'TOKEN_USED', targetId: seed.tokenId } })).toBe(2);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    const plain = await startTestApp();
    try {
      const seed = await seedCustomer(plain);
      await graphql(plain.url, BalanceDocument, undefined, { token: seed.token, headers: { 'x-forwarded-for': '198.51.100.7' } });
      await plain.app.services.usage.flush();
      const row = await plain.app.database.prisma.customerPaymentToken.findUniqueOrThrow({ where: { id: seed.tokenId } });
      expect(row.lastUsedIp).toBe('127.0.0.1');
    } finally {
      await plain.stop();
    }
  });
});

describe('audit log', () => {
  it('has a row for each token issued, used, failed and revoked, and for admin actions, without secrets', async () => {
    const db = t.app.database.prisma;
    const issued = issuedLink((await graphql(t.url, GenerateCustomerPaymentTokenDocument, { input: { customerId: acme.customerId } }, { token: acme.adminApiKey })).body.data!.generateCustomerPaymentToken);
    await graphql(t.url, BalanceDocument, undefined, { token: issued.token });
    await graphql(t.url, RevokeCustomerPaymentTokenDocument, { id: issued.paymentToken.id }, { token: acme.adminApiKey });
    await graphql(t.url, BalanceDocument, undefined, { token: issued.token });
    await t.app.services.usage.flush();
    const rows = await db.auditLog.findMany({ where: { targetId: issued.paymentToken.id }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(['TOKEN_ISSUED', 'TOKEN_USED', 'TOKEN_REVOKED', 'AUTH_FAILED']);
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1']);
    expect(rows[0]).toMatchObject({ actorType: 'ADMIN_KEY', organizationId: acme.organizationId });
    await graphql(t.url, CustomerPaymentTokensDocument, { customerId: acme.customerId }, { token: acme.adminApiKey });
    const listed = await db.auditLog.findFirstOrThrow({ where: { action: 'ADMIN_QUERY', targetId: acme.customerId }, orderBy: { createdAt: 'desc' } });
    expect(listed).toMatchObject({ actorType: 'ADMIN_KEY', ip: '127.0.0.1', details: JSON.stringify({ field: 'customerPaymentTokens' }) });
    const all = JSON.stringify(await db.auditLog.findMany());
    expect(all).not.toContain(issued.token.slice(29));
    expect(all).not.toContain(acme.adminApiKey.slice(29));
  });
});

describe('customers and invoices', () => {
  it('lets an admin create a customer and an invoice whose total is the sum of its lines', async () => {
    const customer = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Grace Hopper', email: 'grace@example.com', currency: 'EUR' } }, { token: acme.adminApiKey });
    expect(customer.body.data!.createCustomer).toMatchObject({ name: 'Grace Hopper', currency: 'eur' });
    const invoice = await graphql(
      t.url,
      CreateInvoiceDocument,
      { input: { customerId: customer.body.data!.createCustomer.id, lineItems: [{ description: 'Compiler', quantity: 2, unitAmount: 1_250 }, { description: 'Bug', quantity: 1, unitAmount: 99 }] } },
      { token: acme.adminApiKey },
    );
    expect(invoice.body.data!.createInvoice).toMatchObject({ status: 'OPEN', total: { amount: 2_599, currency: 'eur' }, amountDue: { amount: 2_599 } });
  });

  it.each([
    ['no line items', []],
    ['a negative unit amount', [{ description: 'x', quantity: 1, unitAmount: -1 }]],
    ['a zero quantity', [{ description: 'x', quantity: 0, unitAmount: 1 }]],
  ])('refuses an invoice with %s, and writes nothing', async (_case, lineItems) => {
    const before = await t.app.database.prisma.invoice.count();
    const res = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: acme.customerId, lineItems } }, { token: acme.adminApiKey });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await t.app.database.prisma.invoice.count()).toBe(before);
  });

  it("refuses an invoice for another organization's customer as if there were no such customer", async () => {
    const res = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: globex.customerId, lineItems: [{ description: 'x', quantity: 1, unitAmount: 100 }] } }, { token: acme.adminApiKey });
    expect(res.body.errors).toEqual([expect.objectContaining({ message: 'Customer not found.', extensions: { code: 'NOT_FOUND' } })]);
  });

  it('refuses an invoice number already used in the organization, and accepts it in another', async () => {
    const input = (customerId: string) => ({ customerId, number: 'PO-2026-001', lineItems: [{ description: 'Audit', quantity: 1, unitAmount: 5_000 }] });
    expect((await graphql(t.url, CreateInvoiceDocument, { input: input(acme.customerId) }, { token: acme.adminApiKey })).body.errors).toBeUndefined();
    const again = await graphql(t.url, CreateInvoiceDocument, { input: input(acme.customerId) }, { token: acme.adminApiKey });
    expect(again.body.errors).toEqual([expect.objectContaining({ message: 'Invoice number PO-2026-001 is already used.', extensions: { code: 'BAD_USER_INPUT', field: 'number' } })]);
    expect((await graphql(t.url, CreateInvoiceDocument, { input: input(globex.customerId) }, { token: globex.adminApiKey })).body.errors).toBeUndefined();
  });

  it("refuses an invoice below the payment provider's minimum charge, which could never be paid online", async () => {
    const eur = await graphql(t.url, CreateCustomerDocument, { input: { name: 'Jean Sammet', currency: 'eur' } }, { token: acme.adminApiKey });
    const res = await graphql(t.url, CreateInvoiceDocument, { input: { customerId: eur.body.data!.createCustomer.id, lineItems: [{ description: 'Stamp', quantity: 1, unitAmount: 49 }] } }, { token: acme.adminApiKey });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: 'The invoice total must be at least €0.50, the smallest amount the payment provider can charge in EUR.',
        extensions: { code: 'BAD_USER_INPUT', field: 'lineItems' },
      }),
    ]);
  });
});

describe('admin API keys', () => {
  it("lists the organization's keys, newest first, marking the one in use, never with a secret or its hash", async () => {
    const org = await seedCustomer(t);
    const other = await createAdminKey(t, org.organizationId, 'billing-sync');
    const res = await graphql(t.url, AdminApiKeysDocument, undefined, { token: org.adminApiKey });
    expect(res.body.errors).toBeUndefined();
    const keys = res.body.data!.adminApiKeys;
    expect(keys.map((k) => [k.name, k.status, k.current])).toEqual([
      ['billing-sync', 'ACTIVE', false],
      ['demo', 'ACTIVE', true],
    ]);
    expect(keys[0]).toMatchObject({ id: other.id, expiresAt: null, revokedAt: null, lastUsedAt: null });
    const stored = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId } });
    const body = JSON.stringify(res.body);
    for (const row of stored) {
      expect(body).not.toContain(row.verifierHash);
      expect(body).not.toContain(row.selector);
    }
    expect(body).not.toMatch(/cak_/);
  });

  it('shows another organization nothing of these keys', async () => {
    const res = await graphql(t.url, AdminApiKeysDocument, undefined, { token: globex.adminApiKey });
    const ids = res.body.data!.adminApiKeys.map((k) => k.id);
    const acmeKeys = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: acme.organizationId } });
    expect(ids.some((id) => acmeKeys.some((k) => k.id === id))).toBe(false);
  });

  it('revokes another key of the organization, which is refused from its next request on, and audits it', async () => {
    const org = await seedCustomer(t);
    const other = await createAdminKey(t, org.organizationId, 'old-integration');
    expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: other.secret })).body.errors).toBeUndefined();

    const res = await graphql(t.url, RevokeAdminApiKeyDocument, { id: other.id }, { token: org.adminApiKey });
    expect(res.body.data!.revokeAdminApiKey).toMatchObject({ __typename: 'AdminApiKey', id: other.id, name: 'old-integration', status: 'REVOKED', current: false });
    expect(errorCodes(await graphql(t.url, AdminApiKeysDocument, undefined, { token: other.secret }))).toEqual(['UNAUTHENTICATED']);

    const audit = await t.app.database.prisma.auditLog.findFirstOrThrow({ where: { action: 'ADMIN_KEY_REVOKED', targetId: other.id } });
    const [revoker] = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId, name: 'demo' } });
    expect(audit).toMatchObject({ actorType: 'ADMIN_KEY', actorId: revoker.id, organizationId: org.organizationId, ip: '127.0.0.1' });
    expect(JSON.parse(audit.details!)).toEqual({ name: 'old-integration', alreadyRevoked: false, consequences: [] });

    // Revoking again changes nothing and keeps the first time.
    const again = await graphql(t.url, RevokeAdminApiKeyDocument, { id: other.id }, { token: org.adminApiKey });
    expect(again.body.data!.revokeAdminApiKey).toMatchObject({ status: 'REVOKED', revokedAt: (res.body.data!.revokeAdminApiKey as { revokedAt: string }).revokedAt });
  });

  it('revokes the key making the request only when told the loss is meant, and it then stops working', async () => {
    const org = await seedCustomer(t);
    const spare = await createAdminKey(t, org.organizationId, 'spare');
    const [self] = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId, name: 'demo' } });

    const refused = await graphql(t.url, RevokeAdminApiKeyDocument, { id: self.id }, { token: org.adminApiKey });
    expect(refused.body.data!.revokeAdminApiKey).toEqual({
      __typename: 'RevocationNeedsConfirmationError',
      code: 'REVOCATION_NEEDS_CONFIRMATION',
      message: 'Not revoked: the key making this request would stop working. Confirm the loss of access to revoke it anyway.',
      consequences: ['REVOKES_OWN_KEY'],
    });
    expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: org.adminApiKey })).body.errors).toBeUndefined();

    const confirmed = await graphql(t.url, RevokeAdminApiKeyDocument, { id: self.id, confirmLossOfAccess: true }, { token: org.adminApiKey });
    expect(confirmed.body.data!.revokeAdminApiKey).toMatchObject({ __typename: 'AdminApiKey', id: self.id, status: 'REVOKED', current: true });
    expect(errorCodes(await graphql(t.url, AdminApiKeysDocument, undefined, { token: org.adminApiKey }))).toEqual(['UNAUTHENTICATED']);
    expect((await graphql(t.url, AdminApiKeysDocument, undefined, { token: spare.secret })).body.errors).toBeUndefined();
  });

  it("names both consequences when the key making the request is the organization's last active one", async () => {
    const org = await seedCustomer(t);
    const [self] = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId } });
    const refused = await graphql(t.url, RevokeAdminApiKeyDocument, { id: self.id }, { token: org.adminApiKey });
    expect(refused.body.data!.revokeAdminApiKey).toMatchObject({
      __typename: 'RevocationNeedsConfirmationError',
      consequences: ['REVOKES_OWN_KEY', 'LEAVES_NO_ACTIVE_KEY'],
      message: expect.stringContaining('only an operator can create one (npm run cli -- admin-key create)'),
    });
  });

  it('counts expired and revoked keys as gone: revoking the last active key needs confirming, revoking an expired one does not', async () => {
    const org = await seedCustomer(t);
    const expired = await createAdminKey(t, org.organizationId, 'expired');
    await t.app.database.prisma.adminApiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const [self] = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId, name: 'demo' } });

    const refused = await graphql(t.url, RevokeAdminApiKeyDocument, { id: self.id }, { token: org.adminApiKey });
    expect(refused.body.data!.revokeAdminApiKey).toMatchObject({ consequences: ['REVOKES_OWN_KEY', 'LEAVES_NO_ACTIVE_KEY'] });

    const listed = await graphql(t.url, AdminApiKeysDocument, undefined, { token: org.adminApiKey });
    expect(listed.body.data!.adminApiKeys.find((k) => k.id === expired.id)).toMatchObject({ status: 'EXPIRED', revokedAt: null });
    const revokeExpired = await graphql(t.url, RevokeAdminApiKeyDocument, { id: expired.id }, { token: org.adminApiKey });
    expect(revokeExpired.body.data!.revokeAdminApiKey).toMatchObject({ __typename: 'AdminApiKey', status: 'REVOKED' });
  });

  it('refuses a key past its expiry on its next request, even though its secret was verified (and cached) a moment before', async () => {
    const org = await seedCustomer(t);
    const key = await t.app.services.organizations.createAdminKey(operatorPrincipal(org.organizationId), 'short-lived', { expiresInDays: 1 });
    expect(key.key.expiresAt!.getTime() - Date.now()).toBeGreaterThan(86_400_000 - 60_000);
    const before = await graphql(t.url, AdminApiKeysDocument, undefined, { token: key.secret });
    expect(before.body.data!.adminApiKeys.find((k) => k.id === key.id)).toMatchObject({ status: 'ACTIVE', expiresAt: key.key.expiresAt!.toISOString() });

    await t.app.database.prisma.adminApiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const after = await graphql(t.url, AdminApiKeysDocument, undefined, { token: key.secret });
    expect(after.body.errors).toEqual([expect.objectContaining({ message: 'Missing or invalid credentials.', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    const failure = await t.app.database.prisma.auditLog.findFirstOrThrow({ where: { action: 'AUTH_FAILED', targetId: key.id } });
    expect(JSON.parse(failure.details!)).toMatchObject({ reason: 'EXPIRED' });
  });

  it('leaves one key standing when the only two keys revoke each other at the same moment', async () => {
    // Through the service, so both revocations surely reach the database together (over HTTP one could be refused
    // at authentication instead); five organizations at once.
    const organizations = t.app.services.organizations;
    const rounds = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const org = await seedCustomer(t);
        const second = await createAdminKey(t, org.organizationId, 'second');
        const [first] = await t.app.database.prisma.adminApiKey.findMany({ where: { organizationId: org.organizationId, name: 'demo' } });
        const as = (adminKeyId: string) => ({ kind: 'admin' as const, adminKeyId, organizationId: org.organizationId });
        const outcomes = await Promise.all([
          organizations.revokeAdminKey(as(first.id), second.id, {}, null),
          organizations.revokeAdminKey(as(second.id), first.id, {}, null),
        ]);
        return { outcomes, active: await t.app.database.prisma.adminApiKey.count({ where: { organizationId: org.organizationId, revokedAt: null } }) };
      }),
    );
    for (const { outcomes, active } of rounds) {
      expect(active).toBe(1);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['error', 'revoked']);
      expect(outcomes.find((o) => o.kind === 'error')).toMatchObject({ code: 'REVOCATION_NEEDS_CONFIRMATION', consequences: ['LEAVES_NO_ACTIVE_KEY'] });
    }
  });
});
