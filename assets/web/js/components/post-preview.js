import { html } from '../lib/html.js';
import { pickText, t, tEnum } from '../lib/i18n.js';
import { NETWORK_NAMES, ownOrigin } from '../lib/posts.js';
import { Badge } from './feedback.js';

/** The caption with each finding's text marked and numbered, offsets being UTF-16 like JS's. */
export function MarkedCaption({ text, findings }) {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  sorted.forEach((finding, index) => {
    if (finding.start < at) return;
    parts.push(text.slice(at, finding.start));
    parts.push(
      html`<mark class=${finding.resolved ? 'finding resolved' : 'finding'} key=${index}
        >${text.slice(finding.start, finding.end)}<sup>${index + 1}</sup></mark
      >`,
    );
    at = finding.end;
  });
  parts.push(text.slice(at));
  return html`<p class="caption-text">${parts}</p>`;
}

function Counter({ label, value, limit }) {
  if (value === null || value === undefined) return null;
  const over = limit !== undefined && value > limit;
  return html`<li class=${over ? 'counter over' : 'counter'}>
    <span>${label}</span>
    <strong>${limit === undefined ? value : `${value} / ${limit}`}</strong>
    ${over && html`<span class="visually-hidden">${t('preview.overLimit')}</span>`}
  </li>`;
}

export function Counters({ counters, limits }) {
  return html`<ul class="counters" aria-label=${t('preview.counters')}>
    <${Counter}
      label=${t('preview.characters')}
      value=${counters.characters}
      limit=${limits.maxCharacters}
    />
    <${Counter}
      label=${t('preview.weighted')}
      value=${counters.weightedLength}
      limit=${limits.maxWeightedLength}
    />
    <${Counter}
      label=${t('preview.hashtags')}
      value=${counters.hashtags}
      limit=${limits.maxHashtags}
    />
    <${Counter}
      label=${t('preview.mentions')}
      value=${counters.mentions}
      limit=${limits.maxMentions}
    />
  </ul>`;
}

/** Numbered like the marks in the caption; an approver can override an open one. */
export function FindingList({ findings, onOverride }) {
  if (findings.length === 0) return null;
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  return html`<ol class="findings">
    ${sorted.map(
      (finding, index) =>
        html`<li key=${`${finding.source}-${finding.start}-${index}`}>
          <span class="finding-head">
            <span class="finding-no">${index + 1}</span>
            <strong>“${finding.match}”</strong>
            <${Badge} kind=${finding.resolved ? 'neutral' : 'danger'}>
              ${finding.resolved ? t('preview.overridden') : tEnum('dignity', finding.category)}
            <//>
          </span>
          <span class="finding-reason">${pickText(finding.reason)}</span>
          ${
            onOverride &&
            !finding.resolved &&
            html`<button
              type="button"
              class="btn btn-secondary btn-small"
              onClick=${() => onOverride(finding)}
            >
              ${t('review.override')}
            </button>`
          }
        </li>`,
    )}
  </ol>`;
}

/** What blocks submitting, in the user's language. */
export function ProblemList({ problems }) {
  const shown = problems.filter((p) => p.kind !== 'dignity');
  if (shown.length === 0) return null;
  return html`<ul class="problems">
    ${shown.map((p, i) => html`<li key=${`${p.source}-${i}`}>${pickText(p.reason)}</li>`)}
  </ul>`;
}

/** One network's post as it will look: the rendered image, the caption and its checks. */
export function NetworkPreview({ variant, onOverride }) {
  const name = NETWORK_NAMES[variant.network];
  const image = variant.images[0];
  return html`<section class="net-preview panel" aria-label=${t('preview.of', { network: name })}>
    <header class="net-preview-head">
      <h3>${name}</h3>
      <${Badge} kind=${variant.canSubmit ? 'success' : 'warning'}>
        ${variant.canSubmit ? t('preview.ready') : t('preview.notReady')}
      <//>
    </header>
    <div class="net-preview-image">
      ${
        image
          ? html`<img
              src=${ownOrigin(image.url)}
              alt=${image.altText || t('preview.imageAlt')}
              width=${image.width}
              height=${image.height}
            />`
          : html`<p class="muted">${t('preview.noImage')}</p>`
      }
    </div>
    <${MarkedCaption} text=${variant.caption} findings=${variant.findings} />
    <${Counters} counters=${variant.counters} limits=${variant.limits} />
    <${FindingList} findings=${variant.findings} onOverride=${onOverride} />
    <${ProblemList} problems=${variant.problems} />
  </section>`;
}

/** Every network's preview plus the findings in texts drawn into the image. */
export function PostPreview({ preview, onOverride }) {
  return html`<div class="previews">
    ${preview.variants.map(
      (variant) =>
        html`<${NetworkPreview}
          key=${variant.network}
          variant=${variant}
          onOverride=${onOverride}
        />`,
    )}
    ${
      preview.imageTextFindings.length > 0 &&
      html`<section class="panel" aria-label=${t('preview.imageText')}>
        <h3>${t('preview.imageText')}</h3>
        <${FindingList} findings=${preview.imageTextFindings} onOverride=${onOverride} />
      </section>`
    }
  </div>`;
}
