import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { createTestApp, TestApp } from '../support/app';
import { openTestDataSource } from '../support/db';
import { makeInstitution, makeSignedInUser } from '../support/factories';

type Signed = Awaited<ReturnType<typeof makeSignedInUser>>;

interface EntryBody {
  id: string;
  occurredAt: string;
  institutionId: string | null;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

const START = new Date(Date.now() - 60 * 60 * 1000);

describe('audit log API', () => {
  let t: TestApp;
  let raw: DataSource;
  let clock: FrozenClock;
  let instA: string;
  let instB: string;
  let adminA: Signed;
  let staffA: Signed;
  let managerA: Signed;
  let adminB: Signed;
  let nationalAdmin: Signed;
  const productId = randomUUID();

  /** Writes rows one minute apart, starting at START, through the service every feature uses. */
  async function seed(): Promise<void> {
    const audit = t.app.get(AuditService);
    const actorA = { userId: adminA.id, email: adminA.email };
    const rows = [
      { institutionId: instA, action: 'create', entityType: 'product', entityId: productId },
      {
        institutionId: instA,
        action: 'update',
        entityType: 'product',
        entityId: productId,
        before: { name: 'Kaos Sablon', price: 85000 },
        after: { name: 'Kaos Sablon Premium', price: 95000, passwordHash: 'x' },
      },
      { institutionId: instA, action: 'delete', entityType: 'workshop', entityId: '=HYPERLINK()' },
      { institutionId: instB, action: 'create', entityType: 'product', entityId: randomUUID() },
    ] as const;
    for (const [index, row] of rows.entries()) {
      clock.set(new Date(START.getTime() + index * 60_000));
      await audit.record({ actor: row.institutionId === instA ? actorA : SYSTEM_ACTOR, ...row });
    }
    clock.set(new Date());
  }

  /** Not async: returning the supertest request from an async function would send it early. */
  function list(user: Signed, query = '', headers: Record<string, string> = {}) {
    return t.http().get(`/api/audit${query}`).set(user.auth).set(headers);
  }

  beforeAll(async () => {
    clock = new FrozenClock(new Date());
    t = await createTestApp({ clock });
    raw = await openTestDataSource();
    instA = (await makeInstitution(t.dataSource)).id;
    instB = (await makeInstitution(t.dataSource)).id;
    adminA = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: instA });
    staffA = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId: instA });
    managerA = await makeSignedInUser(t.dataSource, { role: Role.Manager, institutionId: instA });
    adminB = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: instB });
    nationalAdmin = await makeSignedInUser(t.dataSource, { role: Role.NationalAdmin });
    await seed();
  });
  afterAll(async () => {
    await raw.destroy();
    await t.close();
  });

  it("lists the institution's entries newest first, with secrets redacted", async () => {
    const res = await list(adminA).expect(200);
    const items = res.body.items as EntryBody[];
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(items.every((e) => e.institutionId === instA)).toBe(true);
    const update = items[1];
    expect(update).toMatchObject({
      actorUserId: adminA.id,
      actorEmail: adminA.email,
      entityType: 'product',
      entityId: productId,
      before: { name: 'Kaos Sablon', price: 85000 },
      after: { name: 'Kaos Sablon Premium', price: 95000, passwordHash: '[redacted]' },
    });
    expect(update.occurredAt).toBe(new Date(START.getTime() + 60_000).toISOString());
  });

  it('pages and filters by action, entity, actor and time range', async () => {
    const page2 = await list(adminA, '?page=2&pageSize=2').expect(200);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((e: EntryBody) => e.action)).toEqual(['create']);

    const byAction = await list(adminA, '?action=update').expect(200);
    expect(byAction.body.items.map((e: EntryBody) => e.action)).toEqual(['update']);

    const byEntity = await list(adminA, `?entityType=product&entityId=${productId}`).expect(200);
    expect(byEntity.body.total).toBe(2);

    const byActor = await list(adminA, `?actorUserId=${staffA.id}`).expect(200);
    expect(byActor.body.total).toBe(0);

    const from = encodeURIComponent(new Date(START.getTime() + 30_000).toISOString());
    const to = encodeURIComponent(new Date(START.getTime() + 120_000).toISOString());
    const window = await list(adminA, `?from=${from}&to=${to}`).expect(200);
    expect(window.body.items.map((e: EntryBody) => e.action)).toEqual(['update']);
  });

  it('refuses bad filters naming the field', async () => {
    const cases: [string, string][] = [
      ['?from=2025-01-01T00:00:00', 'from'],
      ['?to=yesterday', 'to'],
      ['?action=drop_table', 'action'],
      ['?actorUserId=42', 'actorUserId'],
      ['?entityType=Robert%27);DROP', 'entityType'],
      ['?pageSize=1000', 'pageSize'],
      ['?color=red', 'color'],
      ['?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await list(adminA, query);
      expect({ query, status: res.status, field: res.body.field }).toEqual({
        query,
        status: 400,
        field,
      });
    }
  });

  it("never shows another institution's entries to an institution admin", async () => {
    const a = await list(adminA, '?pageSize=100').expect(200);
    expect(a.body.items.some((e: EntryBody) => e.institutionId === instB)).toBe(false);
    // Even asking for B through the national header changes nothing for an institution user.
    const sneaky = await list(adminA, '', { 'X-Institution-Id': instB }).expect(200);
    expect(sneaky.body.items.every((e: EntryBody) => e.institutionId === instA)).toBe(true);
    const b = await list(adminB).expect(200);
    expect(b.body.items.map((e: EntryBody) => e.institutionId)).toEqual([instB]);
  });

  it('lets a national admin see every institution, or one chosen by header', async () => {
    // Other test files write audit rows too: look only at this file's time window.
    const from = encodeURIComponent(START.toISOString());
    const to = encodeURIComponent(new Date(START.getTime() + 4 * 60_000).toISOString());
    const all = await list(nationalAdmin, `?from=${from}&to=${to}&pageSize=100`).expect(200);
    const seen = new Set(all.body.items.map((e: EntryBody) => e.institutionId));
    expect(seen.has(instA) && seen.has(instB)).toBe(true);
    const onlyB = await list(nationalAdmin, '', { 'X-Institution-Id': instB }).expect(200);
    expect(onlyB.body.items.map((e: EntryBody) => e.institutionId)).toEqual([instB]);
  });

  it('is for administrators only', async () => {
    await t.http().get('/api/audit').expect(401);
    await t.http().get('/api/audit/export.csv').expect(401);
    for (const user of [staffA, managerA]) {
      expect((await list(user)).status).toBe(403);
      expect((await t.http().get('/api/audit/export.csv').set(user.auth)).status).toBe(403);
    }
  });

  it('exports CSV with the header, filters, formula escaping, and audits the export', async () => {
    const res = await t
      .http()
      .get('/api/audit/export.csv?entityType=workshop')
      .set(adminA.auth)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['x-export-truncated']).toBe('false');
    const lines: string[][] = parse(res.text);
    expect(lines[0]).toEqual([
      'occurred_at',
      'institution_id',
      'actor_email',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
      'request_id',
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[1].slice(1, 6)).toEqual([
      instA,
      adminA.email,
      'delete',
      'workshop',
      "'=HYPERLINK()",
    ]);

    const exports = await list(adminA, '?action=export').expect(200);
    expect(exports.body.items[0]).toMatchObject({
      actorUserId: adminA.id,
      institutionId: instA,
      entityType: 'audit_log',
      after: { format: 'csv', filters: { entityType: 'workshop' }, rows: 1, truncated: false },
    });
  });

  it("stores the request's id with the audit row it caused", async () => {
    const requestId = `audit-test-${randomUUID()}`;
    await t
      .http()
      .get('/api/audit/export.csv?action=delete')
      .set(adminA.auth)
      .set('X-Request-Id', requestId)
      .expect(200);
    const exports = await list(adminA, '?action=export').expect(200);
    expect(exports.body.items[0]).toMatchObject({ after: { filters: { action: 'delete' } } });
    expect(exports.body.items[0].requestId).toBe(requestId);
  });

  it('exports before and after as JSON', async () => {
    const res = await t
      .http()
      .get('/api/audit/export.csv?action=update')
      .set(adminA.auth)
      .expect(200);
    const [row] = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(JSON.parse(row.before)).toEqual({ name: 'Kaos Sablon', price: 85000 });
    expect(JSON.parse(row.after)).toMatchObject({ passwordHash: '[redacted]' });
  });

  it('exports every row across batches, newest first, even with equal timestamps', async () => {
    const instC = (await makeInstitution(t.dataSource)).id;
    const adminC = await makeSignedInUser(t.dataSource, { role: Role.Admin, institutionId: instC });
    // 1,500 rows in bursts of 300 sharing a microsecond timestamp, so a batch boundary (every
    // 1,000 rows) falls inside a burst: the keyset must neither skip nor repeat ties.
    await t.dataSource.query(
      `INSERT INTO audit_log (occurred_at, institution_id, action, entity_type, entity_id)
       SELECT timestamptz '2025-03-01 08:00:00.123456+07' + (n / 300) * interval '1 second',
              $1, 'update', 'product', n::text
         FROM generate_series(0, 1499) AS n`,
      [instC],
    );
    const res = await t
      .http()
      .get('/api/audit/export.csv?entityType=product')
      .set(adminC.auth)
      .expect(200);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1500);
    expect(new Set(rows.map((r) => r.entity_id)).size).toBe(1500);
    const times = rows.map((r) => r.occurred_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const statements = [
      `UPDATE audit_log SET action = 'tampered' WHERE institution_id = '${instA}'`,
      `DELETE FROM audit_log WHERE institution_id = '${instA}'`,
      'TRUNCATE audit_log',
    ];
    for (const sql of statements) {
      await expect(raw.query(sql)).rejects.toThrow(/append-only/);
    }
    const after = await list(adminA, '?pageSize=100').expect(200);
    expect(after.body.items.some((e: EntryBody) => e.action === 'tampered')).toBe(false);
    expect(after.body.items.filter((e: EntryBody) => e.action !== 'export')).toHaveLength(3);
  });
});
