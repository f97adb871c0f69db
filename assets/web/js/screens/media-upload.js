import { useRef, useState } from 'preact/hooks';
import { Alert, Progress } from '../components/feedback.js';
import { api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';
let nextId = 1;

function progressKey(item) {
  if (item.status === 'done') return 'media.uploadDone';
  if (item.status === 'waiting') return 'media.waiting';
  // All bytes sent: the server is now checking and resizing the photo.
  return item.progress >= 1 ? 'media.processing' : 'media.uploading';
}

/**
 * Drop zone and file picker. Files go up one at a time (the server decodes each photo) with
 * a progress bar per file; a refused file keeps the server's reason next to its name.
 */
export function MediaUpload({ productId, onUploaded, disabled }) {
  const [queue, setQueue] = useState([]);
  const [over, setOver] = useState(false);
  const input = useRef(null);
  const update = (id, change) =>
    setQueue((items) => items.map((item) => (item.id === id ? { ...item, ...change } : item)));

  const uploadAll = async (files) => {
    const added = [...files].map((file) => ({
      id: nextId++,
      file,
      progress: 0,
      status: 'waiting',
    }));
    setQueue((items) => [...items.filter((i) => i.status !== 'done'), ...added]);
    for (const item of added) {
      update(item.id, { status: 'uploading' });
      const form = new FormData();
      if (productId) form.append('productId', productId);
      form.append('file', item.file);
      try {
        await api.upload('/api/media', form, (progress) => update(item.id, { progress }));
        update(item.id, { status: 'done', progress: 1 });
        onUploaded();
      } catch (error) {
        update(item.id, { status: 'failed', error: error.message });
      }
    }
  };
  const choose = (event) => {
    const files = event.currentTarget.files;
    if (files?.length) void uploadAll(files);
    event.currentTarget.value = '';
  };
  const drop = (event) => {
    event.preventDefault();
    setOver(false);
    if (!disabled && event.dataTransfer?.files.length) void uploadAll(event.dataTransfer.files);
  };
  const dragOver = (event) => {
    event.preventDefault();
    if (!disabled) setOver(true);
  };

  return html`<section class="upload" aria-labelledby="upload-title">
    <div
      class="dropzone ${over ? 'is-over' : ''} ${disabled ? 'is-disabled' : ''}"
      onDragOver=${dragOver}
      onDragLeave=${() => setOver(false)}
      onDrop=${drop}
    >
      <h2 id="upload-title" class="dropzone-title">${t('media.uploadTitle')}</h2>
      <p class="dropzone-text">${t('media.uploadHint')}</p>
      <input
        ref=${input}
        id="media-file"
        class="visually-hidden"
        type="file"
        multiple
        accept=${ACCEPT}
        disabled=${disabled}
        onChange=${choose}
      />
      <label for="media-file" class="btn btn-primary ${disabled ? 'is-disabled' : ''}">
        ${t('media.chooseFiles')}
      </label>
    </div>
    ${
      queue.length > 0 &&
      html`<ul class="upload-queue" aria-label=${t('media.uploadQueue')}>
        ${queue.map(
          (item) =>
            html`<li key=${item.id} class="upload-item upload-${item.status}">
              ${
                item.status === 'failed'
                  ? html`<${Alert}
                      kind="danger"
                      title=${t('media.uploadFailed', { name: item.file.name })}
                    >
                      <p>${item.error}</p>
                    <//>`
                  : html`<${Progress}
                      label=${t(progressKey(item), { name: item.file.name })}
                      value=${item.status === 'waiting' ? 0 : item.progress}
                    />`
              }
            </li>`,
        )}
      </ul>`
    }
  </section>`;
}
