import admin from './en/admin.js';
import catalogue from './en/catalogue.js';
import content from './en/content.js';
import media from './en/media.js';
import publishing from './en/publishing.js';
import queue from './en/queue.js';
import reports from './en/reports.js';
import shell from './en/shell.js';

/** English: the second language. Keys match id.js one for one. */
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
