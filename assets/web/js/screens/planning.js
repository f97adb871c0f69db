import { useState } from 'preact/hooks';
import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { FileField, SelectField, SubmitButton, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import {
  addDays,
  isIsoWeek,
  isoWeekOf,
  mondayOfIsoWeek,
  shiftIsoWeek,
} from '../lib/calendar-dates.js';
import { formatDate, todayIn } from '../lib/format.js';
import { useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { pickText, t, tEnum } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { CalendarTabs, PauseBanner } from './calendar.js';

const PATH = '/kalender/rencana';

/** The days of an ISO week in the user's language: "30 Nov 2026 – 6 Des 2026". */
function weekRange(week) {
  const monday = mondayOfIsoWeek(week);
  return t('planning.weekRange', { from: formatDate(monday), to: formatDate(addDays(monday, 6)) });
}

/**
 * Which week the screen plans: a step back or forward, or any ISO week typed in the field,
 * whose hint gives that week's dates. The week lives in the route (?week=), so it can be shared.
 */
function WeekPicker({ week }) {
  const [text, setText] = useState(week);
  const [error, setError] = useState(null);
  const typed = text.trim().toUpperCase();
  const go = (to) => navigate(PATH, { week: to });
  const show = (e) => {
    e.preventDefault();
    if (isIsoWeek(typed)) go(typed);
    else setError(t('planning.weekInvalid'));
  };
  return html`<form
    class="filters week-picker"
    aria-label=${t('planning.weekPicker')}
    onSubmit=${show}
  >
    <${TextField}
      label=${t('planning.week')}
      hint=${isIsoWeek(typed) ? weekRange(typed) : t('planning.weekHint')}
      error=${error}
      value=${text}
      onInput=${(e) => {
        setText(e.currentTarget.value);
        setError(null);
      }}
    />
    <div class="filters-buttons">
      <button type="submit" class="btn btn-primary">${t('planning.showWeek')}</button>
    </div>
    <div class="filters-buttons">
      <button type="button" class="btn btn-secondary" onClick=${() => go(shiftIsoWeek(week, -1))}>
        <span aria-hidden="true">← </span>${t('planning.previousWeek')}
      </button>
      <button type="button" class="btn btn-secondary" onClick=${() => go(shiftIsoWeek(week, 1))}>
        ${t('planning.nextWeek')}<span aria-hidden="true"> →</span>
      </button>
    </div>
  </form>`;
}

function Summary({ week }) {
  const summary = useResource(() => api.get('/api/calendar/summary', { week }), [week]);
  const data = summary.data;
  return html`<section class="panel" aria-labelledby="summary-title">
    <h2 id="summary-title">${t('planning.summary', { week })}</h2>
    <${ErrorAlert} error=${summary.error} />
    ${
      data
        ? html`<p>${t('planning.total', { count: data.totalPosts })}</p>
            <ul>
              ${data.byWorkshop.map((w) => html`<li key=${w.name}>${w.name}: ${w.posts}</li>`)}
            </ul>
            ${
              data.daysWithoutPosts.length > 0 &&
              html`<p>
                ${t('planning.emptyDays', { days: data.daysWithoutPosts.map((d) => formatDate(d)).join(', ') })}
              </p>`
            }
            ${
              data.productsNotPostedFor30Days.length > 0 &&
              html`<p>
                ${t('planning.quietProducts', { products: data.productsNotPostedFor30Days.map((p) => p.name).join(', ') })}
              </p>`
            }`
        : html`<${SkeletonBlock} height="6rem" />`
    }
  </section>`;
}

function FeedLink() {
  const [url, setUrl] = useState(null);
  const create = useSubmit(async () => setUrl((await api.post('/api/calendar/feeds')).url));
  return html`<section class="panel" aria-labelledby="ics-title">
    <h2 id="ics-title">${t('planning.ics')}</h2>
    <p>${t('planning.icsText')}</p>
    <${ErrorAlert} error=${create.error} />
    ${
      url
        ? html`<${TextField} label=${t('planning.icsUrl')} value=${url} readOnly />`
        : html`<button
            type="button"
            class="btn btn-secondary"
            disabled=${create.busy}
            onClick=${(e) => create.submit(e)}
          >
            ${t('planning.icsCreate')}
          </button>`
    }
  </section>`;
}

function CopyWeek({ week }) {
  const [toWeek, setToWeek] = useState(shiftIsoWeek(week, 1));
  const [result, setResult] = useState(null);
  const copy = useSubmit(async () => {
    setResult(await api.post('/api/calendar/copy-week', { fromWeek: week, toWeek }));
  });
  return html`<section class="panel" aria-labelledby="copy-title">
    <h2 id="copy-title">${t('planning.copy')}</h2>
    <form class="form" onSubmit=${copy.submit}>
      <${ErrorAlert} error=${copy.error} />
      ${result && html`<${Alert} kind="success">${t('planning.copied', { count: result.created.length, skipped: result.skippedPast.length })}<//>`}
      <${TextField}
        label=${t('planning.toWeek')}
        hint=${t('planning.weekHint')}
        value=${toWeek}
        onInput=${(e) => setToWeek(e.currentTarget.value)}
      />
      <${SubmitButton}
        busy=${copy.busy}
        label=${t('planning.copyButton', { week })}
        busyLabel=${t('common.saving')}
      />
    </form>
  </section>`;
}

function RowErrors({ errors }) {
  if (errors.length === 0) return null;
  return html`<${DataTable}
    caption=${t('planning.rowErrors')}
    columns=${[
      { label: t('planning.row'), num: true },
      { label: t('planning.column') },
      { label: t('planning.problem') },
    ]}
    items=${errors}
    row=${(e, i) =>
      html`<tr key=${i}>
        <th scope="row" class="num" data-label=${t('planning.row')}>
          ${e.row > 0 ? e.row : t('planning.wholeFile')}
        </th>
        <td data-label=${t('planning.column')}>
          ${e.column ? tEnum('planning.columnName', e.column) : '—'}
        </td>
        <td data-label=${t('planning.problem')}>${pickText(e.message)}</td>
      </tr>`}
  />`;
}

/** CSV or XLSX plan: each row becomes a draft; refused rows are listed with their reason. */
function PlanImport() {
  const [file, setFile] = useState(null);
  const [result, setResult] = useState(null);
  const upload = useSubmit(async () => {
    const form = new FormData();
    form.append('file', file);
    let plan = await api.upload('/api/calendar/import', form, () => {});
    // Large files are imported in the background: ask until it is done.
    for (let i = 0; i < 60 && ['validating', 'importing'].includes(plan.status); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      plan = await api.get(`/api/calendar/imports/${plan.id}`);
    }
    setResult(plan);
  });
  // A refused plan comes back as an error whose details list every bad row.
  const rowErrors = Array.isArray(upload.error?.details)
    ? upload.error.details
    : (result?.errors ?? []);
  return html`<section class="panel" aria-labelledby="import-title">
    <h2 id="import-title">${t('planning.import')}</h2>
    <form class="form" onSubmit=${upload.submit}>
      <${ErrorAlert} error=${upload.error} />
      <${FileField}
        label=${t('planning.importFile')}
        hint=${t('planning.importHint')}
        accept=".csv,.xlsx"
        file=${file}
        onChange=${setFile}
        chooseLabel=${t('common.chooseFile')}
        noneLabel=${t('common.noFile')}
      />
      <${SubmitButton}
        busy=${upload.busy}
        disabled=${!file}
        label=${t('planning.importButton')}
        busyLabel=${t('planning.importing')}
      />
    </form>
    ${
      result?.status === 'done' &&
      html`<${Alert} kind="success">
        ${t('planning.imported', { count: result.createdPosts, rows: result.totalRows })}
      <//>`
    }
    ${
      result?.status === 'failed' &&
      html`<${Alert} kind="danger">
        ${t('planning.importFailed', { count: result.errors.length })}
      <//>`
    }
    <${RowErrors} errors=${rowErrors} />
  </section>`;
}

export function PlanningScreen({ route }) {
  const week = isIsoWeek(route.query.week ?? '')
    ? route.query.week
    : isoWeekOf(todayIn(currentInstitution()?.timeZone));
  return html`<${Page}
    title=${t('planning.title')}
    tabs=${html`<${CalendarTabs} current="planning" />`}
  >
    <${PauseBanner} />
    <${WeekPicker} key=${week} week=${week} />
    <div class="panels">
      <${Summary} week=${week} />
      <${FeedLink} />
      ${can('calendar.write') && html`<${CopyWeek} key=${week} week=${week} />`}
      ${can('calendar.write') && html`<${PlanImport} />`}
    </div>
  <//>`;
}

const KINDS = ['holiday', 'cuti_bersama', 'mourning', 'incident', 'other'];

export function BlackoutScreen() {
  const zone = currentInstitution()?.timeZone;
  const today = todayIn(zone);
  const list = useResource(
    () => api.get('/api/blackouts', { from: today, to: addDays(today, 365) }),
    [],
  );
  const [values, setValues] = useState({ startDate: '', endDate: '', kind: 'other', label: '' });
  const set = (name) => (e) => setValues((v) => ({ ...v, [name]: e.currentTarget.value }));
  const add = useSubmit(async () => {
    await api.post('/api/blackouts', { ...values, endDate: values.endDate || undefined });
    setValues({ startDate: '', endDate: '', kind: 'other', label: '' });
    list.reload();
  });
  return html`<${Page}
    title=${t('blackout.title')}
    tabs=${html`<${CalendarTabs} current="blackouts" />`}
  >
    <p class="lead">${t('blackout.intro')}</p>
    <${ErrorAlert} error=${list.error} />
    <${DataTable}
      caption=${t('blackout.title')}
      columns=${[{ label: t('blackout.dates') }, { label: t('blackout.label') }, { label: t('blackout.kind') }]}
      items=${list.data?.items}
      loading=${list.loading}
      row=${(b) =>
        html`<tr key=${b.id}>
          <th scope="row" data-label=${t('blackout.dates')}>
            ${formatDate(b.startDate)}${b.endDate !== b.startDate ? ` – ${formatDate(b.endDate)}` : ''}
          </th>
          <td data-label=${t('blackout.label')}>
            ${b.label}${b.national ? ` (${t('blackout.national')})` : ''}
          </td>
          <td data-label=${t('blackout.kind')}>${tEnum('blackout.kind', b.kind)}</td>
        </tr>`}
      empty=${{ title: t('blackout.empty'), text: t('blackout.emptyHint') }}
    />
    ${
      can('calendar.write') &&
      html`<section class="panel" aria-labelledby="blackout-add">
        <h2 id="blackout-add">${t('blackout.add')}</h2>
        <form class="form form-grid" onSubmit=${add.submit}>
          <${ErrorAlert} error=${add.error} />
          <${TextField}
            label=${t('blackout.start')}
            type="date"
            required
            value=${values.startDate}
            onInput=${set('startDate')}
          />
          <${TextField}
            label=${t('blackout.end')}
            type="date"
            value=${values.endDate}
            onInput=${set('endDate')}
          />
          <${SelectField}
            label=${t('blackout.kind')}
            value=${values.kind}
            onChange=${set('kind')}
            options=${KINDS.map((k) => ({ value: k, label: tEnum('blackout.kind', k) }))}
          />
          <${TextField}
            label=${t('blackout.label')}
            required
            value=${values.label}
            onInput=${set('label')}
          />
          <div class="form-actions">
            <${SubmitButton}
              busy=${add.busy}
              label=${t('blackout.addButton')}
              busyLabel=${t('common.saving')}
            />
          </div>
        </form>
      </section>`
    }
  <//>`;
}
