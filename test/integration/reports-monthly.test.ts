import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import { formatNumber, formatPercent } from '../../src/reports/report-format';
import { ReportService } from '../../src/reports/report.service';
import { createTestApp, TestApp } from '../support/app';
import { makeSignedInUser } from '../support/factories';
import { dashboardWorld, novemberActivity } from './reports-fixtures';

type User = { auth: Record<string, string> };

/** Collects a download's bytes whatever its content type. */
function bytes(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('monthly reports', () => {
  let t: TestApp;
  // Late November 2026 (before the real time sessions are made in, so they stay valid).
  const november29 = new Date('2026-11-29T00:00:00Z');
  const clock = new FrozenClock(november29);

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t?.close());

  function generate(user: User, body: object) {
    return t.http().post('/api/reports').set(user.auth).send(body);
  }

  async function download(user: User, id: string, format: string) {
    const res = await t
      .http()
      .get(`/api/reports/${id}/file?format=${format}`)
      .set(user.auth)
      .buffer(true)
      .parse(bytes as never)
      .expect(200);
    return { res, body: res.body as Buffer };
  }

  async function pdfText(pdf: Buffer): Promise<string> {
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }

  it("draws a known month: the PDF, CSV and XLSX figures are the dashboard's", async () => {
    const w = await dashboardWorld(t);
    await novemberActivity(t, w);
    const dashboard = (
      await t.http().get('/api/dashboard?month=2026-11').set(w.manager.auth).expect(200)
    ).body;

    const created = await generate(w.manager, { month: '2026-11' }).expect(201);
    expect(created.body).toMatchObject({
      institutionId: w.institution.id,
      month: '2026-11',
      scope: 'institution',
      generatedBy: w.manager.id,
    });
    const id = created.body.id as string;
    const stored: { figures: unknown }[] = await t.dataSource.query(
      `SELECT figures FROM monthly_reports WHERE id = $1`,
      [id],
    );
    expect(stored[0].figures).toEqual(dashboard);

    const pdf = await download(w.manager, id, 'pdf');
    expect(pdf.res.headers['content-type']).toBe('application/pdf');
    expect(pdf.res.headers['content-disposition']).toBe(
      `attachment; filename="laporan-bulanan-2026-11-${w.institution.id.slice(0, 8)}.pdf"`,
    );
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.body);
    expect(text).toContain('Laporan Bulanan November 2026');
    expect(text).toContain(w.institution.name);
    const totals = dashboard.totals;
    // The summary table reads label, this month, last month on one line.
    expect(text).toContain(
      `Jangkauan ${formatNumber(totals.reach)} ${formatNumber(totals.previous.reach)}`,
    );
    expect(text).toContain(`Unggahan ${formatNumber(totals.posts)}`);
    expect(text).toContain(`Interaksi ${formatNumber(totals.interactions)}`);
    expect(text).toContain(`Tingkat keterlibatan ${formatPercent(totals.engagementRate)}`);
    const top = dashboard.products.top[0];
    expect(top).toMatchObject({ name: 'Batik Lintas 5', interestScore: 101.9 });
    expect(text).toMatch(new RegExp(`${top.name}\\s+${formatNumber(top.interestScore)}`));

    const csv = (await download(w.manager, id, 'csv')).body.toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines).toContain(
      `Jangkauan,${totals.reach},${totals.previous.reach},${totals.change.reach}`,
    );
    expect(lines).toContain(
      `Unggahan,${totals.posts},${totals.previous.posts},${totals.change.posts}`,
    );
    expect(lines).toContain(
      `1,${top.name},${top.institutionName},${top.interestScore},${top.posts},${top.reach},` +
        `${top.interactions},${top.clicks},${top.salesQuantity},${top.salesRevenueIdr}`,
    );

    const xlsx = await download(w.manager, id, 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const summary = book.getWorksheet('Ringkasan')!;
    const values = (row: number) => (summary.getRow(row).values as unknown[]).slice(1);
    expect(values(3)).toEqual([
      'Jangkauan',
      totals.reach,
      totals.previous.reach,
      totals.change.reach,
    ]);
    expect(values(10)).toEqual([
      'Pendapatan (Rp)',
      totals.salesRevenueIdr,
      totals.previous.salesRevenueIdr,
    ]);
    const products = book.getWorksheet('Produk dengan minat tertinggi')!;
    expect((products.getRow(2).values as unknown[]).slice(1, 5)).toEqual([
      1,
      top.name,
      top.institutionName,
      top.interestScore,
    ]);

    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'monthly_report' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('regenerates in place, lists past reports, and keeps them to their institution', async () => {
    const w = await dashboardWorld(t);
    const other = await dashboardWorld(t);
    const first = (await generate(w.manager, { month: '2026-10' }).expect(201)).body;
    const again = (await generate(w.manager, { month: '2026-10' }).expect(201)).body;
    expect(again.id).toBe(first.id);
    const audit: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'monthly_report' AND entity_id = $1
       ORDER BY action`,
      [first.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    await generate(w.manager, { month: '2026-09' }).expect(201);
    const list = (await t.http().get('/api/reports').set(w.manager.auth).expect(200)).body;
    expect(list.map((r: { month: string }) => r.month)).toEqual(['2026-10', '2026-09']);

    await t.http().get(`/api/reports/${first.id}`).set(other.manager.auth).expect(404);
    await t.http().get(`/api/reports/${first.id}/file`).set(other.manager.auth).expect(404);
    const theirs = (await t.http().get('/api/reports').set(other.manager.auth).expect(200)).body;
    expect(theirs).toEqual([]);
    await generate(w.staff, { month: '2026-10' }).expect(403);
    await generate(w.manager, { month: '2026-10', scope: 'national' }).expect(403);
    await t.http().get(`/api/reports/${first.id}/file?format=doc`).set(w.manager.auth).expect(400);
  });

  it('refuses malformed, missing and future months, naming month', async () => {
    const w = await dashboardWorld(t);
    for (const body of [{ month: 'abc' }, { month: '2026-13' }, {}]) {
      const res = await generate(w.manager, body).expect(400);
      expect(res.body.field).toBe('month');
    }
    const future = await generate(w.manager, { month: '2026-12' }).expect(422);
    expect(future.body.field).toBe('month');
  });

  it("national roles generate the national roll-up; institutions don't see it", async () => {
    const w = await dashboardWorld(t);
    const national = await makeSignedInUser(t.dataSource, { role: Role.NationalManager });
    const report = (await generate(national, { month: '2026-08', scope: 'national' }).expect(201))
      .body;
    expect(report).toMatchObject({ institutionId: null, scope: 'national' });
    const pdf = await download(national, report.id, 'pdf');
    expect(await pdfText(pdf.body)).toContain('Nasional (semua lembaga)');
    await t.http().get(`/api/reports/${report.id}`).set(w.manager.auth).expect(404);
  });

  it("the scheduled job stores last month's report once, even for two concurrent runs", async () => {
    const w = await dashboardWorld(t);
    await novemberActivity(t, w);
    const reports = t.app.get(ReportService);
    // 1 December in every Indonesian zone: November is the month just ended.
    clock.set(new Date('2026-12-01T00:30:00Z'));
    const [a, b] = await Promise.all([reports.generateDue(), reports.generateDue()]).finally(() =>
      clock.set(november29),
    );
    expect(a + b).toBeGreaterThan(0);
    const rows: { id: string; generatedBy: string | null }[] = await t.dataSource.query(
      `SELECT id, generated_by AS "generatedBy" FROM monthly_reports
       WHERE institution_id = $1 AND month = '2026-11-01' AND scope = 'institution'`,
      [w.institution.id],
    );
    expect(rows).toEqual([{ id: expect.any(String), generatedBy: null }]);
    const audit: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM audit_log WHERE entity_type = 'monthly_report' AND entity_id = $1`,
      [rows[0].id],
    );
    expect(audit).toHaveLength(1);
    clock.set(new Date('2026-12-01T00:30:00Z'));
    await expect(reports.generateDue().finally(() => clock.set(november29))).resolves.toBe(0);
  });
});
