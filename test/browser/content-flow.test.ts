/**
 * From product to the sandbox feed in a real browser: staff adds a product, uploads a photo
 * and clears it with a consent, composes a post (a dignity finding is shown, then fixed) and
 * submits it; the approver approves it from the review queue; staff drags it to another day in
 * the calendar; the dispatcher publishes it to the sandbox and the sandbox feed shows it; the
 * language switch turns the screens into English. Every screen passes axe at desktop and 360 px.
 */
import { expect, it } from '@jest/globals';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn, productPhoto } from './helpers/world';

const LONG = 120_000;
const PRODUCT = 'Tas Anyaman Rotan Uji';
const TITLE = 'Promosi tas rotan';
const DAY_MS = 24 * 3600_000;
/** A Tuesday two to eight days ahead, so the day after it is in the same calendar week. */
const PLANNED_DAY = (() => {
  let day = new Date(Date.now() + 2 * DAY_MS);
  while (day.getUTCDay() !== 2) day = new Date(day.getTime() + DAY_MS);
  return day.toISOString().slice(0, 10);
})();
const MOVED_DAY = new Date(Date.parse(PLANNED_DAY) + DAY_MS).toISOString().slice(0, 10);

describeInBrowser('web UI: content, review, calendar and publishing', () => {
  const ui = useBrowserSession('content');
  let postId: string;

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
    'staff schedules the post and drags it to another day in the calendar',
    async () => {
      await logIn(ui.page, ui.world.users.staff.email, TEST_PASSWORD);
      await ui.page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
      await ui.goto(`#/konten/${postId}`);
      await ui.page.getByRole('heading', { name: 'Jadwal terbit', level: 2 }).waitFor();
      expect(await ui.page.getByLabel('Waktu terbit').inputValue()).toBe(`${PLANNED_DAY}T10:00`);
      await ui.screens.capture(ui.page, 'post-approved');
      await ui.page.getByRole('button', { name: 'Jadwalkan' }).click();
      await ui.page.getByText('Postingan dijadwalkan.').waitFor();
      await ui.page.getByRole('link', { name: 'Lihat di kalender' }).click();
      await ui.page.getByRole('heading', { name: 'Kalender', level: 1 }).waitFor();
      const event = ui.page.locator('.cal-post').first();
      await event.waitFor();
      await ui.screens.capture(ui.page, 'calendar-week');

      // FullCalendar marks each day's column with data-date; the tallest one is the time grid's.
      const from = (await event.boundingBox())!;
      const columns = ui.page.locator(`[data-date="${MOVED_DAY}"]`);
      let to = (await columns.first().boundingBox())!;
      for (let i = 1; i < (await columns.count()); i += 1) {
        const box = (await columns.nth(i).boundingBox())!;
        if (box.height > to.height) to = box;
      }
      await ui.page.mouse.move(from.x + from.width / 2, from.y + 5);
      await ui.page.mouse.down();
      await ui.page.mouse.move(to.x + to.width / 2, from.y + 5, { steps: 12 });
      await ui.page.mouse.move(to.x + to.width / 2 + 2, from.y + 6, { steps: 2 });
      await ui.page.mouse.up();
      await ui.page.getByText(/dipindahkan\./).waitFor();

      const moved = await ui.world.t.dataSource.query(
        `SELECT status, to_char(planned_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI') AS local
         FROM posts WHERE id = $1`,
        [postId],
      );
      expect(moved[0]).toEqual({ status: 'scheduled', local: `${MOVED_DAY} 10:00` });
      await ui.screens.capture(ui.page, 'calendar-moved');
    },
    LONG,
  );

  it(
    'publishes to the sandbox: the feed and the publishing log show it',
    async () => {
      // The post's time has not come: make it due, then run the dispatcher once.
      await ui.world.t.dataSource.query(
        `UPDATE post_targets SET planned_at = now() - interval '1 minute',
           next_attempt_at = now() - interval '1 minute' WHERE post_id = $1`,
        [postId],
      );
      const summary = await ui.world.t.app.get(DispatcherService).runOnce();
      expect(summary.outcomes.published).toBe(2);

      await ui.goto('#/publikasi/sandbox');
      await ui.page.getByRole('heading', { name: 'Umpan sandbox', level: 1 }).waitFor();
      await ui.page.locator('.sandbox-post').first().waitFor();
      expect(await ui.page.locator('main').textContent()).toContain(
        'Sandbox — tidak terbit di media sosial',
      );
      expect(await ui.page.locator('.sandbox-post').count()).toBe(2);
      await ui.screens.capture(ui.page, 'sandbox-feed');

      await ui.goto(`#/konten/${postId}`);
      await ui.page.getByRole('heading', { name: 'Catatan publikasi' }).waitFor();
      await ui.page.getByRole('row', { name: /Instagram/ }).waitFor();
      await ui.screens.capture(ui.page, 'post-published');

      await ui.goto('#/publikasi');
      await ui.page.getByRole('row', { name: /Sandbox X Uji/ }).waitFor();
      await ui.screens.capture(ui.page, 'accounts');
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
      await ui.page.getByLabel('Berkas rencana').setInputFiles({
        name: 'rencana.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('tidak,dikenal\n1,2\n'),
      });
      await ui.page.getByRole('button', { name: 'Impor', exact: true }).click();
      await ui.page.getByRole('alert').first().waitFor();
      await ui.page.getByRole('table', { name: 'Baris yang ditolak' }).waitFor();
      await ui.screens.capture(ui.page, 'planning');

      await ui.goto('#/kalender/libur');
      await ui.page.getByRole('heading', { name: 'Hari tanpa posting', level: 1 }).waitFor();
      await ui.page.getByLabel('Mulai').fill(MOVED_DAY);
      await ui.page.getByLabel('Keterangan').fill('Hari berkabung lembaga');
      await ui.page.getByRole('button', { name: 'Tambah', exact: true }).click();
      await ui.page.getByRole('row', { name: /Hari berkabung lembaga/ }).waitFor();
      await ui.screens.capture(ui.page, 'blackouts');
    },
    LONG,
  );

  it(
    'switches to English, and nothing went wrong in the page',
    async () => {
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
