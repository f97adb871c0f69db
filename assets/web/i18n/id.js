import admin from './id/admin.js';
import catalogue from './id/catalogue.js';
import content from './id/content.js';
import media from './id/media.js';
import publishing from './id/publishing.js';
import queue from './id/queue.js';
import reports from './id/reports.js';
import shell from './id/shell.js';

/** Bahasa Indonesia: the default language of the UI (Perpres 63/2019). */
export default {
  ...shell,
  ...catalogue,
  ...media,
  ...content,
  ...admin,
  ...reports,
  ...publishing,
  ...queue,
};
