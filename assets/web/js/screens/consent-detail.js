import { useState } from 'preact/hooks';
import { Dialog, DialogActions } from '../components/dialog.js';
import { Alert, Badge, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { TextArea } from '../components/form.js';
import { Details, Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { ConsentStatusBadge, validity } from './consent-list.js';

/** Withdrawal blocks every linked photo at once and opens a takedown task. */
function WithdrawDialog({ consent, open, onClose, onDone }) {
  const form = useForm({ reason: '' });
  const { submit, busy, error } = useSubmit(async () => {
    if (!form.values.reason.trim()) {
      throw new ApiError(400, { field: 'reason', message: t('consent.reasonRequired') });
    }
    const result = await api.post(`/api/consents/${consent.id}/withdraw`, form.values);
    onDone(result.takedownTask);
  });
  return html`<${Dialog} open=${open} title=${t('consent.withdrawTitle')} onClose=${onClose}>
    <form class="form" onSubmit=${submit} novalidate>
      <${Alert} kind="warning">
        <p>${t('consent.withdrawWarning', { count: consent.photos.length })}</p>
      <//>
      <${ErrorAlert} error=${error} />
      <${TextArea}
        label=${t('consent.reason')}
        required
        rows="3"
        maxlength="1000"
        hint=${t('consent.reasonHint')}
        error=${fieldError(error, 'reason')}
        ...${form.bind('reason')}
      />
      <${DialogActions}
        kind="danger"
        busy=${busy}
        label=${t('consent.withdrawConfirm')}
        busyLabel=${t('consent.withdrawing')}
        onCancel=${onClose}
      />
    </form>
  <//>`;
}

function LinkedPhotos({ photos }) {
  if (photos.length === 0) return html`<p class="muted">${t('consent.noPhotos')}</p>`;
  return html`<ul class="media-grid small">
    ${photos.map(
      (p) =>
        html`<li class="media-card" key=${p.id}>
          <a class="media-link" href=${href(`/media/foto/${p.id}`)}>
            <span class="media-thumb">
              <img
                src=${`/api/media/${p.id}/thumbnail`}
                alt=""
                loading="lazy"
                width="400"
                height="400"
              />
            </span>
            <span class="media-name">${p.altText || t('media.photo')}</span>
          </a>
        </li>`,
    )}
  </ul>`;
}

export function ConsentDetailScreen({ params }) {
  const consent = useResource(() => api.get(`/api/consents/${params.id}`), [params.id]);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [task, setTask] = useState(null);
  const notice = useNotice();
  const c = consent.data;
  const zone = currentInstitution()?.timeZone;
  const withdrawn = (takedownTask) => {
    setDialogOpen(false);
    setTask(takedownTask);
    consent.reload();
  };
  return html`<${Page}
    title=${c ? c.subjectName : t('consent.record')}
    back=${{ href: href('/media/persetujuan'), label: t('consent.register') }}
  >
    ${notice && !task && html`<${Alert} kind="success">${notice}<//>`}
    ${
      task &&
      html`<${Alert} kind="success" title=${t('consent.withdrawnTitle')}>
        <p>${t('consent.withdrawnText', { count: task.items.length })}</p>
        <p><a href=${href(`/media/penurunan/${task.id}`)}>${t('consent.openTask')}</a></p>
      <//>`
    }
    <${ErrorAlert} error=${consent.error} />
    ${
      !c
        ? !consent.error && html`<${SkeletonBlock} height="24rem" />`
        : html`<div class="panels">
              <section class="panel" aria-labelledby="consent-info">
                <h2 id="consent-info">${t('consent.record')}</h2>
                ${
                  c.subjectIsMinor &&
                  html`<${Alert} kind="warning" title=${t('consent.minorWarningTitle')}>
                    <p>${t('consent.minorWarning')}</p>
                  <//>`
                }
                <${Details}
                  items=${[
                    [t('consent.statusLabel'), html`<${ConsentStatusBadge} consent=${c} />`],
                    [t('consent.purpose'), c.purpose],
                    [
                      t('consent.channels'),
                      c.channels.map((ch) => tEnum('channel', ch)).join(', '),
                    ],
                    [t('consent.validity'), validity(c)],
                    [t('consent.minorLabel'), c.subjectIsMinor ? t('common.yes') : t('common.no')],
                    [t('consent.recordedAt'), formatDateTime(c.createdAt, zone)],
                    c.withdrawnAt && [
                      t('consent.withdrawnAt'),
                      formatDateTime(c.withdrawnAt, zone),
                    ],
                    c.withdrawalReason && [t('consent.reason'), c.withdrawalReason],
                    [
                      t('consent.evidence'),
                      c.hasEvidence && can('consent.manage')
                        ? html`<a href=${`/api/consents/${c.id}/evidence`} download
                            >${t('consent.downloadEvidence')}</a
                          >`
                        : c.hasEvidence
                          ? html`<${Badge}>${t('consent.evidenceStored')}<//>`
                          : t('consent.noEvidence'),
                    ],
                  ]}
                />
                ${
                  c.status === 'active' &&
                  can('consent.manage') &&
                  html`<button
                    type="button"
                    class="btn btn-danger"
                    onClick=${() => setDialogOpen(true)}
                  >
                    ${t('consent.withdraw')}
                  </button>`
                }
                ${
                  c.status === 'withdrawn' &&
                  !task &&
                  html`<p><a href=${href('/media/penurunan')}>${t('consent.seeTasks')}</a></p>`
                }
              </section>
              <section class="panel" aria-labelledby="consent-photos">
                <h2 id="consent-photos">${t('consent.photos')}</h2>
                <${LinkedPhotos} photos=${c.photos} />
              </section>
            </div>
            <${WithdrawDialog}
              consent=${c}
              open=${dialogOpen}
              onClose=${() => setDialogOpen(false)}
              onDone=${withdrawn}
            />`
    }
  <//>`;
}
