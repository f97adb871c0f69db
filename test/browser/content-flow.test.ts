/**
 * From product to the dashboard in a real browser, every step through the UI: staff adds a
 * product, uploads a photo and clears it with a consent, composes a post (a dignity finding is
 * shown, then fixed) and submits it; the approver approves it from the review queue; staff
 * schedules it for tomorrow and drags it to today in the month view, a minute or so from now;
 * the app under test runs its own ticks (ROLE=all, as `npm start` does), so its dispatcher
 * publishes the post to the sandbox at that time and its metrics collector counts it; the post's
 * publishing log, the sandbox feed and the manager's dashboard for this month show it; the
 * language switch turns the screens into English. Every screen passes axe at desktop and 360 px.
 */
import { expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { monthInJakarta } from './helpers/dashboard-data';
import { useBrowserSession } from './helpers/session';
import { logIn, productPhoto } from './helpers/world';

const LONG = 120_000;
const PRODUCT = 'Tas Anyaman Rotan Uji';
const TITLE = 'Promosi tas rotan';
const DAY_MS = 24 * 3600_000;
const WIB_MS = 7 * 3600_000;
/** A day two to eight days ahead, planned in the composer (rescheduled before publishing). */
const PLANNED_DAY = (() => {
  let day = new Date(Date.now() + 2 * DAY_MS);
  while (day.getUTCDay() !== 2) day = new Date(day.getTime() + DAY_MS);
  return day.toISOString().slice(0, 10);
})();
/**
 * How far ahead of "now" staff schedules the post: enough to reach the calendar and drop it
 * on today before that minute passes, short enough that the test does not wait long for it.
 */
const PUBLISH_LEAD_MS = 30_000;

/** An instant as the institution (WIB) reads it: the date and the minute the UI's inputs take. */
function wib(at: number): { date: string; time: string } {
  const local = new Date(at + WIB_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/**
 * Opens a screen and reloads it, as a person waiting for something would, until `ready` (which
 * waits for the screen's data itself) says it shows what is expected.
 */
async function reloadUntil(
  ui: ReturnType<typeof useBrowserSession>,
  hash: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  await ui.goto(hash);
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`${hash} did not show what was expected in time`);
    await ui.page.waitForTimeout(2_000);
    await ui.page.reload();
  }
}

describeInBrowser('web UI: content, review, calendar and publishing', () => {
  // ROLE=all: the dispatcher and the metrics collector tick inside the app, as in production.
  const ui = useBrowserSession('content', () => ({ env: { ROLE: 'all' } }));
  let postId: string;
  /** When the post is due, once staff has moved it to today. */
  let due: { date: string; time: string };

  it(
    'staff adds a product and a photo cleared with a consent',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await logIn(ui.page, ui.world.users.staff.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();

      await ui.goto('#/konten');
      await ui.page.getByText('Belum ada postingan').waitFor();
      await ui.screens.capture(ui.page, 'posts-empty');

      await ui.goto('#/katalog/produk/baru');
      await ui.page.getByLabel('Nama produk').fill(PRODUCT);
      await ui.page.getByLabel('Bengkel').selectOption({ label: 'Batik' });
      await ui.page.getByLabel('Harga (rupiah)').fill('120.000');
      await ui.page.getByLabel('SKU').fill(`TAS-${Date.now()}`);
      await ui.page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await ui.page.getByRole('link', { name: PRODUCT }).click();
      await ui.page.getByRole('link', { name: 'Lihat foto produk ini' }).click();
      await ui.page.waitForURL(/productId=/);
      await ui.page.locator('#media-file').setInputFiles({
        name: 'tas-rotan.jpg',
        mimeType: 'image/jpeg',
        buffer: await productPhoto(),
      });
      await ui.page.getByText('Selesai: tas-rotan.jpg').waitFor();
      await ui.page.locator('.media-card').first().waitFor();

      await ui.goto('#/media/persetujuan/baru');
      await ui.page.getByLabel('Nama yang memberi persetujuan').fill('Sari Wulandari');
      await ui.page
        .getByRole('textbox', { name: 'Tujuan', exact: true })
        .fill('Foto promosi produk anyaman di media sosial lembaga');
      await ui.page.getByLabel('Instagram').check();
      await ui.page.getByLabel('X', { exact: true }).check();
      await ui.page.getByLabel('Bukti persetujuan').setInputFiles({
        name: 'formulir.jpg',
        mimeType: 'image/jpeg',
        buffer: await productPhoto(),
      });
      await ui.page.getByRole('button', { name: 'Simpan persetujuan' }).click();
      await ui.page.getByText('Persetujuan dicatat.').waitFor();

      await ui.goto('#/media');
      await ui.page.locator('.media-card a').first().click();
      await ui.page.getByRole('radio', { name: /^Ada orang yang dapat dikenali/ }).check();
      const consent = ui.page.getByLabel('Catatan persetujuan');
      const value = await consent
        .locator('option', { hasText: 'Sari Wulandari' })
        .getAttribute('value');
      await consent.selectOption(value!);
      await ui.page.getByLabel('Saya menyatakan orang dalam foto ini').check();
      await ui.page.getByRole('button', { name: 'Simpan izin' }).click();
      await ui.page.getByText('Izin foto disimpan.').waitFor();
    },
    LONG,
  );

  it(
    'composes with a live preview: a phone number is flagged, then removed, and the post submitted',
    async () => {
      await ui.goto('#/konten');
      await ui.page.getByRole('link', { name: 'Susun postingan' }).first().click();
      await ui.page.getByRole('heading', { name: 'Susun postingan', level: 1 }).waitFor();
      await ui.page.getByText('Pratinjau belum tersedia').waitFor();
      await ui.screens.capture(ui.page, 'composer-empty');

      await ui.page.getByLabel('Produk').selectOption({ label: PRODUCT });
      await ui.page.locator('.photo-choices input').first().check();
      await ui.page.getByLabel('Templat gambar').selectOption({ label: 'Instagram persegi 1:1' });
      await ui.page.getByLabel(/Sandbox Instagram Uji/).check();
      await ui.page.getByLabel(/Sandbox X Uji/).check();
      await ui.page.getByLabel('Keterangan Instagram').waitFor();
      await ui.page
        .getByLabel('Keterangan Instagram')
        .fill('Tas anyaman rotan buatan warga binaan. Pesan lewat 0812-3456-7890.');
      await ui.page.getByLabel('Keterangan X').fill('Tas anyaman rotan buatan warga binaan.');
      await ui.page.locator('mark.finding').first().waitFor();
      expect(await ui.page.locator('.findings').first().textContent()).toContain('0812-3456-7890');
      await ui.page.locator('.net-preview img').first().waitFor();
      await ui.screens.capture(ui.page, 'composer-finding');

      await ui.page
        .getByLabel('Keterangan Instagram')
        .fill('Tas anyaman rotan buatan warga binaan. Pesan lewat katalog lembaga.');
      await ui.page.locator('mark.finding').first().waitFor({ state: 'detached' });
      await ui.page.getByText('Siap diajukan').first().waitFor();
      await ui.page.getByLabel('Rencana terbit').fill(`${PLANNED_DAY}T10:00`);
      await ui.page.getByLabel('Judul di kalender').fill(TITLE);
      await ui.screens.capture(ui.page, 'composer-ready');

      await ui.page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await ui.page.getByText('Postingan diajukan untuk ditinjau.').waitFor();
      postId = ui.page.url().split('/konten/')[1];
      await ui.page.getByText('Menunggu tinjauan').first().waitFor();
      await ui.screens.capture(ui.page, 'post-submitted');
      await ui.logOut();
    },
    LONG,
  );

  it(
    'the approver finds it in the review queue and approves it',
    async () => {
      await logIn(ui.page, ui.world.users.approver.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.goto('#/konten/tinjauan');
      await ui.page.getByRole('heading', { name: 'Antrean tinjauan', level: 1 }).waitFor();
      await ui.screens.capture(ui.page, 'review-queue');
      await ui.page.getByRole('link', { name: TITLE }).click();
      await ui.page.getByRole('heading', { name: 'Keputusan tinjauan' }).waitFor();
      await ui.page.locator('.net-preview').nth(1).waitFor();
      await ui.screens.capture(ui.page, 'review-post');

      await ui.page.getByRole('button', { name: 'Minta perbaikan' }).click();
      await ui.page
        .getByText('Tulis komentar yang menjelaskan perbaikan yang diminta.')
        .first()
        .waitFor();
      expect(await ui.page.getByLabel('Komentar').getAttribute('aria-invalid')).toBe('true');
      await ui.page.getByRole('button', { name: 'Setujui' }).click();
      await ui.page.getByText('Postingan disetujui.').waitFor();
      await ui.page.getByText('Disetujui', { exact: true }).first().waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'staff schedules the post for tomorrow and drags it to today in the month view',
    async () => {
      await logIn(ui.page, ui.world.users.staff.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.goto(`#/konten/${postId}`);
      await ui.page.getByRole('heading', { name: 'Jadwal terbit', level: 2 }).waitFor();
      expect(await ui.page.getByLabel('Waktu terbit').inputValue()).toBe(`${PLANNED_DAY}T10:00`);
      await ui.screens.capture(ui.page, 'post-approved');

      // The next whole minute at least PUBLISH_LEAD_MS away, tomorrow; dropped on today below.
      const at = Math.ceil((Date.now() + PUBLISH_LEAD_MS) / 60_000) * 60_000;
      due = wib(at);
      const tomorrow = wib(at + DAY_MS).date;
      await ui.page.getByLabel('Waktu terbit').fill(`${tomorrow}T${due.time}`);
      await ui.page.getByRole('button', { name: 'Jadwalkan' }).click();
      await ui.page.getByText('Postingan dijadwalkan.').waitFor();
      await ui.page.getByRole('link', { name: 'Lihat di kalender' }).click();
      await ui.page.getByRole('heading', { name: 'Kalender', level: 1 }).waitFor();
      await ui.page.locator('.cal-post').first().waitFor();
      await ui.page.getByRole('tab', { name: /Bulan/ }).click();

      // The month grid's cell of each day is the largest element FullCalendar marks with its
      // data-date; the event to drag is the one drawn inside tomorrow's cell.
      const cell = async (date: string) => {
        const marked = ui.page.locator(`[data-date="${date}"]`);
        await marked.first().waitFor();
        let largest = marked.first();
        let area = 0;
        for (let i = 0; i < (await marked.count()); i += 1) {
          const box = (await marked.nth(i).boundingBox())!;
          if (box.width * box.height > area)
            [largest, area] = [marked.nth(i), box.width * box.height];
        }
        await largest.scrollIntoViewIfNeeded();
        return (await largest.boundingBox())!;
      };
      await cell(tomorrow);
      const events = ui.page.locator('.cal-post');
      await events.first().waitFor();
      const [fromCell, to] = [await cell(tomorrow), await cell(due.date)];
      let from: { x: number; y: number; width: number; height: number } | null = null;
      for (let i = 0; i < (await events.count()) && !from; i += 1) {
        const box = (await events.nth(i).boundingBox())!;
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        const inX = x > fromCell.x && x < fromCell.x + fromCell.width;
        if (inX && y > fromCell.y && y < fromCell.y + fromCell.height) from = box;
      }
      expect(from).not.toBeNull();
      await ui.page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
      await ui.page.mouse.down();
      await ui.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await ui.page.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2 + 2, { steps: 2 });
      await ui.page.mouse.up();
      await ui.page.getByText(/dipindahkan\./).waitFor();

      const moved = await ui.world.t.dataSource.query(
        `SELECT status, to_char(planned_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') AS local
         FROM posts WHERE id = $1`,
        [postId],
      );
      expect(moved[0]).toEqual({ status: 'scheduled', local: `${due.date} ${due.time}` });
      await ui.screens.capture(ui.page, 'calendar-month-moved');
      // The phone-sized screenshot showed one day; back on the desktop the month returns.
      await ui.page.getByRole('tab', { name: /Bulan/, selected: true }).waitFor();
    },
    LONG,
  );

  it(
    'shows the planning tools and records a no-post day',
    async () => {
      await ui.goto('#/kalender/rencana');
      await ui.page.getByRole('heading', { name: 'Perencanaan', level: 1 }).waitFor();
      await ui.page.getByRole('button', { name: 'Buat tautan langganan' }).click();
      expect(await ui.page.getByLabel('Alamat langganan').inputValue()).toMatch(
        /\/api\/calendar\/feeds\/.+\.ics$/,
      );
      await ui.screens.capture(ui.page, 'planning');

      // Not today: the moved post is about to publish.
      await ui.goto('#/kalender/libur');
      await ui.page.getByRole('heading', { name: 'Hari tanpa posting', level: 1 }).waitFor();
      await ui.page.getByLabel('Mulai').fill(PLANNED_DAY);
      await ui.page.getByLabel('Keterangan').fill('Hari berkabung lembaga');
      await ui.page.getByRole('button', { name: 'Tambah', exact: true }).click();
      await ui.page.getByRole('row', { name: /Hari berkabung lembaga/ }).waitFor();
      await ui.screens.capture(ui.page, 'blackouts');
    },
    LONG,
  );

  it('publishes to the sandbox at its time: the publishing log and the sandbox feed show it', async () => {
    // Nothing is run by hand: the app's dispatcher wakes when the post falls due.
    const targets = ui.page.locator('ul.targets > li');
    await reloadUntil(
      ui,
      `#/konten/${postId}`,
      async () => {
        await ui.page.getByRole('heading', { name: 'Catatan publikasi' }).waitFor();
        await targets.first().waitFor();
        const states = await targets.allTextContents();
        return states.length === 2 && states.every((text) => text.includes('Terbit'));
      },
      150_000,
    );
    const log = ui.page.getByRole('table', { name: 'Catatan publikasi' });
    await log.getByRole('row', { name: /Instagram .*Terbit/ }).waitFor();
    await log.getByRole('row', { name: /X .*Terbit/ }).waitFor();
    await ui.screens.capture(ui.page, 'post-published');

    await ui.goto('#/publikasi/sandbox');
    await ui.page.getByRole('heading', { name: 'Umpan sandbox', level: 1 }).waitFor();
    await ui.page.locator('.sandbox-post').first().waitFor();
    expect(await ui.page.locator('main').textContent()).toContain(
      'Sandbox — tidak terbit di media sosial',
    );
    expect(await ui.page.locator('.sandbox-post').count()).toBe(2);
    expect(await ui.page.locator('.sandbox-post').first().textContent()).toContain(
      'Tas anyaman rotan buatan warga binaan.',
    );
    await ui.screens.capture(ui.page, 'sandbox-feed');

    await ui.goto('#/publikasi');
    await ui.page.getByRole('row', { name: /Sandbox X Uji/ }).waitFor();
    await ui.screens.capture(ui.page, 'accounts');
    await ui.logOut();
  }, 200_000);

  it(
    "the manager's dashboard for this month counts the post for its workshop",
    async () => {
      await logIn(ui.page, ui.world.users.manager.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.page.getByRole('link', { name: 'Dasbor' }).click();
      await ui.page.getByRole('heading', { name: 'Dasbor', level: 1 }).waitFor();
      expect(await ui.page.getByLabel('Bulan', { exact: true }).inputValue()).toBe(
        monthInJakarta(new Date()),
      );
      // The collector takes the published post in on its next tick (every 15 s).
      const posts = ui.page.locator('.kpi').filter({ hasText: 'Postingan tayang' });
      await reloadUntil(
        ui,
        '#/dasbor',
        async () => {
          await posts.locator('.kpi-value').waitFor();
          await ui.page.waitForFunction(() => {
            const { document } = globalThis as any;
            return document.querySelectorAll('.skeleton').length === 0;
          });
          return (await posts.locator('.kpi-value').textContent())?.trim() !== '0';
        },
        60_000,
      );
      // One post on two networks: two published posts.
      expect(Number(await posts.locator('.kpi-value').textContent())).toBe(2);
      const perWorkshop = ui.page.getByRole('table', { name: 'Postingan per bengkel kerja' });
      await perWorkshop.getByRole('row', { name: /^Batik 2 / }).waitFor();
      // Products are ranked on their figures, the first of which comes an hour after publishing.
      const ranking = ui.page.getByRole('region', { name: 'Peringkat minat' });
      expect(await ranking.textContent()).toContain('sekitar satu jam setelah terbit');
      const reliability = ui.page.getByRole('region', { name: 'Keandalan publikasi' });
      expect(await reliability.textContent()).toMatch(/Instagram/);
      await ui.screens.capture(ui.page, 'dashboard-published');

      await ui.page.getByRole('button', { name: 'English' }).click();
      await ui.page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await ui.page.getByText('Posts published').waitFor();
      await ui.page.getByRole('table', { name: 'Posts per workshop' }).waitFor();
      await ui.screens.capture(ui.page, 'dashboard-english');
      await ui.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await ui.page.getByRole('heading', { name: 'Dasbor', level: 1 }).waitFor();
      await ui.logOut();
    },
    LONG,
  );

  it(
    'switches to English, and nothing went wrong in the page',
    async () => {
      await logIn(ui.page, ui.world.users.staff.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.goto('#/konten');
      await ui.page.getByRole('button', { name: 'English' }).click();
      await ui.page.getByRole('heading', { name: 'Content', level: 1 }).waitFor();
      await ui.page.getByRole('row', { name: /Published/ }).waitFor();
      await ui.screens.capture(ui.page, 'posts-english');
      await ui.goto('#/kalender');
      await ui.page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
      await ui.page.locator('.cal-post').first().waitFor();
      await ui.page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
      await ui.page.getByRole('heading', { name: 'Kalender', level: 1 }).waitFor();
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
