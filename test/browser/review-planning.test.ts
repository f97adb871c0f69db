/**
 * The approver's review decisions and the planning tools in a real browser: a caption carrying
 * a NIK-like number cannot be submitted until an approver overrides the finding with a reason;
 * the approver asks for changes on another post with a comment, which staff then read; the
 * overridden post is approved; "copy a week" makes drafts of both posts a week later; a plan
 * file with bad rows is refused with every error listed by row and column. Every screen passes axe at desktop and 360 px.
 */
import { expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn } from './helpers/world';

const LONG = 120_000;
const DAY_MS = 24 * 3600_000;
const WIB_MS = 7 * 3600_000;
const PRODUCT = 'Kain Batik Tulis Parang';
const CHANGES_TITLE = 'Promosi kain parang';
const NIK_TITLE = 'Kisah pembatik binaan';
const NIK = '3174012501850003';
const CHANGES_COMMENT = 'Sebutkan ukuran kain dan cara memesan lewat katalog.';
const OVERRIDE_REASON = 'Angka ini nomor registrasi produk, bukan NIK seseorang.';

/** Two days ahead at 10:00 WIB: the posts' planned day, in the future whenever the test runs. */
const PLANNED_DAY = new Date(Date.now() + WIB_MS + 2 * DAY_MS).toISOString().slice(0, 10);
const COPY_DAY = new Date(Date.parse(PLANNED_DAY) + 7 * DAY_MS).toISOString().slice(0, 10);

/** The ISO week (2026-W49) of a YYYY-MM-DD day. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3);
  const year = date.getUTCFullYear();
  const week = Math.floor((date.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describeInBrowser('web UI: review decisions and planning tools', () => {
  const ui = useBrowserSession('review');
  const ids: Record<'changes' | 'nik', string> = { changes: '', nik: '' };

  const asUser = async (email: string) => {
    await logIn(ui.page, email, TEST_PASSWORD);
    await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
  };

  /** Composes an X post of the world's batik cloth; returns the composer with it filled. */
  const compose = async (title: string, caption: string) => {
    await ui.goto('#/konten/baru');
    await ui.page.getByRole('heading', { name: 'Susun postingan', level: 1 }).waitFor();
    await ui.page.getByLabel('Produk').selectOption({ label: PRODUCT });
    await ui.page.getByLabel(/Sandbox X Uji/).check();
    await ui.page.getByLabel('Keterangan X').fill(caption);
    await ui.page.getByLabel('Rencana terbit').fill(`${PLANNED_DAY}T10:00`);
    await ui.page.getByLabel('Judul di kalender').fill(title);
  };

  it(
    'staff submits one post; a caption with a NIK-like number can only be saved as a draft',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await asUser(ui.world.users.staff.email);

      await compose(CHANGES_TITLE, 'Kain batik tulis motif parang, dibuat di bengkel lembaga.');
      await ui.page.getByText('Siap diajukan').first().waitFor();
      await ui.page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await ui.page.getByText('Postingan diajukan untuk ditinjau.').waitFor();
      ids.changes = ui.page.url().split('/konten/')[1];

      await compose(NIK_TITLE, `Kain batik karya warga binaan, registrasi ${NIK}.`);
      await ui.page.locator('mark.finding').first().waitFor();
      expect(await ui.page.locator('.findings').first().textContent()).toContain(NIK);
      expect(
        await ui.page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).isDisabled(),
      ).toBe(true);
      await ui.screens.capture(ui.page, 'composer-nik-finding');
      await ui.page.getByRole('button', { name: 'Simpan draf' }).click();
      await ui.page.getByText('Draf disimpan.').waitFor();
      ids.nik = ui.page.url().split('/konten/')[1];
      await ui.page.getByText('Draf', { exact: true }).first().waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'the approver asks for changes with a comment; an empty comment is refused first',
    async () => {
      await asUser(ui.world.users.approver.email);
      await ui.goto('#/konten/tinjauan');
      await ui.page.getByRole('link', { name: CHANGES_TITLE }).click();
      await ui.page.getByRole('heading', { name: 'Keputusan tinjauan' }).waitFor();
      await ui.page.getByRole('button', { name: 'Minta perbaikan' }).click();
      await ui.page
        .getByText('Tulis komentar yang menjelaskan perbaikan yang diminta.')
        .first()
        .waitFor();
      await ui.page.getByLabel('Komentar').fill(CHANGES_COMMENT);
      await ui.page.getByRole('button', { name: 'Minta perbaikan' }).click();
      await ui.page.getByText('Perbaikan diminta; penyusun akan melihat komentar Anda.').waitFor();
      await ui.page.getByText('Perlu perbaikan', { exact: true }).first().waitFor();
      const comments = ui.page.getByRole('region', { name: 'Catatan tinjauan' });
      expect(await comments.textContent()).toContain(CHANGES_COMMENT);
      expect(await comments.textContent()).toContain('Permintaan perbaikan');
      await ui.screens.capture(ui.page, 'review-changes-requested');
    },
    LONG,
  );

  it(
    'the approver overrides the NIK finding with a reason',
    async () => {
      await ui.goto(`#/konten/${ids.nik}`);
      await ui.page.locator('.findings').first().waitFor();
      await ui.page.getByRole('button', { name: 'Kecualikan temuan' }).click();
      const dialog = ui.page.getByRole('dialog', { name: 'Kecualikan temuan?' });
      await dialog.waitFor();
      await dialog.getByLabel('Alasan pengecualian').fill('Bukan');
      await dialog.getByRole('button', { name: 'Kecualikan temuan' }).click();
      await dialog.getByText('Tulis alasan paling sedikit 10 karakter.').first().waitFor();
      expect(await dialog.getByLabel('Alasan pengecualian').getAttribute('aria-invalid')).toBe(
        'true',
      );
      await ui.screens.capture(ui.page, 'review-override-dialog');
      await dialog.getByLabel('Alasan pengecualian').fill(OVERRIDE_REASON);
      await dialog.getByRole('button', { name: 'Kecualikan temuan' }).click();
      await ui.page.getByText(`Temuan “${NIK}” dikecualikan.`).waitFor();
      await ui.page.locator('mark.finding.resolved').first().waitFor();
      const comments = ui.page.getByRole('region', { name: 'Catatan tinjauan' });
      expect(await comments.textContent()).toContain(OVERRIDE_REASON);
      await ui.screens.capture(ui.page, 'review-overridden');
      await ui.logOut();
    },
    LONG,
  );

  it(
    'staff reads the requested changes and submits the overridden post',
    async () => {
      await asUser(ui.world.users.staff.email);
      await ui.goto(`#/konten/${ids.changes}`);
      await ui.page.getByText('Perlu perbaikan', { exact: true }).first().waitFor();
      const comments = ui.page.getByRole('region', { name: 'Catatan tinjauan' });
      expect(await comments.textContent()).toContain(CHANGES_COMMENT);
      await ui.screens.capture(ui.page, 'post-changes-requested');

      await ui.goto(`#/konten/${ids.nik}`);
      await ui.page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await ui.page.getByText('Postingan diajukan untuk ditinjau.').waitFor();
      await ui.page.getByText('Menunggu tinjauan', { exact: true }).first().waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'the approver approves the overridden post',
    async () => {
      await asUser(ui.world.users.approver.email);
      await ui.goto('#/konten/tinjauan');
      await ui.page.getByRole('link', { name: NIK_TITLE }).click();
      await ui.page.getByRole('heading', { name: 'Keputusan tinjauan' }).waitFor();
      await ui.page.locator('mark.finding.resolved').first().waitFor();
      await ui.screens.capture(ui.page, 'review-overridden-post');
      await ui.page.getByRole('button', { name: 'Setujui' }).click();
      await ui.page.getByText('Postingan disetujui.').waitFor();
      await ui.page.getByText('Disetujui', { exact: true }).first().waitFor();
    },
    LONG,
  );

  it(
    'copies the week: both posts come back as drafts a week later',
    async () => {
      const week = isoWeek(PLANNED_DAY);
      const next = isoWeek(COPY_DAY);
      await ui.goto('#/kalender/rencana');
      await ui.page.getByRole('heading', { name: 'Perencanaan', level: 1 }).waitFor();
      // The week picker, from the keyboard: type the week (its dates show as the hint), Enter.
      const picker = ui.page.getByRole('form', { name: 'Pilih minggu' });
      const field = picker.getByLabel('Minggu', { exact: true });
      await field.fill('2027-W53');
      await field.press('Enter');
      await picker.getByText('Tulis minggu ISO yang ada, misalnya 2026-W49.').waitFor();
      await field.fill(week);
      expect(await picker.locator('.hint').textContent()).toMatch(/\d{4} – \d{1,2} .+ \d{4}/);
      await field.press('Enter');
      await ui.page.waitForURL(new RegExp(`week=${week}$`));
      await ui.page.getByText('2 postingan direncanakan.').waitFor();
      // A step forward and back again with the buttons.
      await picker.getByRole('button', { name: 'Minggu berikutnya' }).press('Enter');
      await ui.page.getByRole('heading', { name: `Ringkasan minggu ${next}` }).waitFor();
      expect(await field.inputValue()).toBe(next);
      await ui.screens.capture(ui.page, 'planning-next-week');
      await picker.getByRole('button', { name: 'Minggu sebelumnya' }).click();
      await ui.page.getByRole('heading', { name: `Ringkasan minggu ${week}` }).waitFor();
      await ui.page.getByText('2 postingan direncanakan.').waitFor();
      // The week after the one shown is offered as the target.
      expect(await ui.page.getByLabel('Ke minggu').inputValue()).toBe(next);
      await ui.page.getByRole('button', { name: `Salin minggu ${week}` }).click();
      await ui.page
        .getByText('2 postingan disalin sebagai draf; 0 dilewati karena waktunya sudah lewat.')
        .waitFor();
      await ui.screens.capture(ui.page, 'planning-copied');

      // Drafts have no place on the calendar until they are approved and scheduled: the
      // content list shows them.
      await ui.goto('#/konten');
      await ui.page.getByLabel('Status').selectOption({ label: 'Draf' });
      await ui.page.getByRole('button', { name: 'Terapkan' }).click();
      await ui.page.waitForURL(/status=draft/);
      await ui.page.getByRole('row', { name: /Disetujui$/ }).waitFor({ state: 'detached' });
      const drafts = ui.page.locator('tbody tr');
      await drafts.filter({ hasText: NIK_TITLE }).waitFor();
      await drafts.filter({ hasText: CHANGES_TITLE }).waitFor();
      expect(await drafts.count()).toBe(2);
      expect(await drafts.allTextContents()).toEqual([
        expect.stringMatching(/Draf\s*$/),
        expect.stringMatching(/Draf\s*$/),
      ]);
      await ui.screens.capture(ui.page, 'posts-copied-drafts');
      await drafts.filter({ hasText: NIK_TITLE }).getByRole('link').click();
      await ui.page.getByRole('heading', { name: NIK_TITLE, level: 1 }).waitFor();
      await ui.page.getByText('Draf', { exact: true }).first().waitFor();
    },
    LONG,
  );

  it(
    'refuses a plan file with bad rows and lists each error by row and column',
    async () => {
      const sku = await ui.world.t.dataSource.query(
        `SELECT sku FROM products WHERE institution_id = $1 AND name = $2`,
        [ui.world.institution.id, PRODUCT],
      );
      const day = PLANNED_DAY.split('-').reverse().join('/');
      const plan = [
        'tanggal;jam;sku;jaringan;caption',
        `31/02/2027;10.00;${sku[0].sku};x;Kain batik parang`,
        `${day};10.00;TIDAK-ADA-999;x;Kain batik parang`,
        `${day};25.00;${sku[0].sku};tiktok;Kain batik parang`,
      ].join('\n');
      await ui.goto('#/kalender/rencana');
      await ui.page.getByRole('heading', { name: 'Perencanaan', level: 1 }).waitFor();
      await ui.page.getByLabel('Berkas rencana').setInputFiles({
        name: 'rencana.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(plan),
      });
      await ui.page.getByRole('button', { name: 'Impor', exact: true }).click();
      await ui.page
        .getByText(/Rencana tidak diimpor: 4 kesalahan/)
        .first()
        .waitFor();
      const table = ui.page.getByRole('table', { name: 'Baris yang ditolak' });
      const rows = table.locator('tbody tr');
      await rows.first().waitFor();
      const cells = await rows.evaluateAll((trs) =>
        trs.map((tr: any) =>
          [...tr.querySelectorAll('th, td')].map((c: any) => c.textContent.trim()),
        ),
      );
      expect(cells.map(([row, column]) => [row, column])).toEqual([
        ['2', 'tanggal'],
        ['3', 'sku'],
        ['4', 'jam'],
        ['4', 'jaringan'],
      ]);
      expect(cells[0][2]).toContain('31/02/2027');
      expect(
        cells.every(([, , problem]) => problem.length > 0 && problem !== '[object Object]'),
      ).toBe(true);
      await ui.screens.capture(ui.page, 'planning-import-errors');

      await ui.page.getByRole('button', { name: 'English' }).click();
      await ui.page.getByRole('heading', { name: 'Planning', level: 1 }).waitFor();
      // The refusal stays on screen and is read again in English.
      await ui.page.getByRole('table', { name: 'Rows refused' }).getByText('networks').waitFor();
      await ui.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await ui.page.getByRole('heading', { name: 'Perencanaan', level: 1 }).waitFor();
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
