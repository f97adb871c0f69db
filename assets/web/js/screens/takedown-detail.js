import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { TextArea } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { api } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { TakedownBadge } from './takedown-list.js';

/** The same life cycle the server enforces: open → in_progress → done | cancelled. */
const NEXT = { open: ['in_progress'], in_progress: ['done', 'cancelled'], done: [], cancelled: [] };

function StatusChange({ task, onChanged }) {
  const form = useForm({ note: '' });
  const { submit, busy, error } = useSubmit(async (status) => {
    const body = { status };
    if (form.values.note.trim()) body.note = form.values.note;
    onChanged(await api.patch(`/api/takedown-tasks/${task.id}`, body));
  });
  const next = NEXT[task.status];
  if (next.length === 0) return html`<p class="muted">${t('takedown.closed')}</p>`;
  return html`<form class="form" onSubmit=${(e) => e.preventDefault()}>
    <${ErrorAlert} error=${error} />
    <${TextArea}
      label=${t('takedown.note')}
      hint=${t('takedown.noteHint')}
      rows="2"
      maxlength="1000"
      ...${form.bind('note')}
    />
    <div class="form-actions">
      ${next.map(
        (status) =>
          html`<button
            type="button"
            key=${status}
            disabled=${busy}
            class=${status === 'cancelled' ? 'btn btn-secondary' : 'btn btn-primary'}
            onClick=${() => submit(null, status)}
          >
            ${t(`takedown.moveTo.${status}`)}
          </button>`,
      )}
    </div>
  </form>`;
}

export function TakedownDetailScreen({ params }) {
  const task = useResource(() => api.get(`/api/takedown-tasks/${params.id}`), [params.id]);
  const data = task.data;
  const zone = currentInstitution()?.timeZone;
  return html`<${Page}
    title=${t('takedown.task')}
    back=${{ href: href('/media/penurunan'), label: t('takedown.tasks') }}
  >
    <${ErrorAlert} error=${task.error} />
    ${
      !data
        ? !task.error && html`<${SkeletonBlock} height="20rem" />`
        : html`<div class="panels">
            <section class="panel" aria-labelledby="task-info">
              <h2 id="task-info">${t('takedown.details')}</h2>
              <${Details}
                items=${[
                  [t('takedown.statusLabel'), html`<${TakedownBadge} status=${data.status} />`],
                  [t('takedown.reason'), data.reason],
                  [t('takedown.opened'), formatDateTime(data.createdAt, zone)],
                  data.closedAt && [t('takedown.closedAt'), formatDateTime(data.closedAt, zone)],
                  [
                    t('takedown.consent'),
                    html`<a href=${href(`/media/persetujuan/${data.consentRecordId}`)}
                      >${t('takedown.openConsent')}</a
                    >`,
                  ],
                ]}
              />
              ${can('consent.manage') && html`<${StatusChange} task=${data} onChanged=${task.reload} />`}
            </section>
            <section class="panel" aria-labelledby="task-items">
              <h2 id="task-items">${t('takedown.items')}</h2>
              <${Alert} kind="info"><p>${t('takedown.postsLater')}</p><//>
              <ul class="media-grid small">
                ${data.items.map(
                  (item) =>
                    html`<li class="media-card" key=${item.id}>
                      <a class="media-link" href=${href(`/media/foto/${item.mediaAssetId}`)}>
                        <span class="media-thumb">
                          <img
                            src=${`/api/media/${item.mediaAssetId}/thumbnail`}
                            alt=""
                            loading="lazy"
                            width="400"
                            height="400"
                          />
                        </span>
                        <span class="media-name">${t('takedown.photoBlocked')}</span>
                      </a>
                    </li>`,
                )}
              </ul>
            </section>
          </div>`
    }
  <//>`;
}
