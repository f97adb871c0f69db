import { useEffect, useState } from 'preact/hooks';
import { Alert, EmptyState, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { SelectField, SubmitButton, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import { zoneOffset } from '../lib/format.js';
import { useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { pickText, t, tEnum } from '../lib/i18n.js';
import { loadAll, NETWORK_NAMES } from '../lib/posts.js';
import { href, navigate } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';
import { CalendarTabs } from './calendar.js';

const PATH = '/kalender/antrean';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

let nextRowKey = 0;
const slotRow = (slot) => ({ key: (nextRowKey += 1), weekday: slot.weekday, time: slot.time });

/**
 * Which slot row and field a refused save names: the server answers with paths such as
 * "slots[1].time" (index into the rows as sent) or "slots[2]" for a duplicate.
 */
function rowErrorOf(error) {
  const match = /^slots[[.](\d+)\]?(?:\.(\w+))?$/.exec(error?.field ?? '');
  if (!match) return null;
  return { index: Number(match[1]), field: match[2] ?? 'row', message: error.message };
}

/** "Asia/Jakarta +07:00": the zone slot times are read in. */
const zoneLabel = (zone) => t('slots.zone', { zone, offset: zoneOffset(zone) });

/**
 * The account's weekly posting slots as editable rows: weekday and local time (HH:MM, a text
 * field so the server's own check, e.g. no 24:00, is what the user sees). Saving replaces the
 * whole list; an error naming a slot is shown on that row.
 */
function SlotEditor({ account, zone }) {
  const slots = useResource(
    () => api.get(`/api/social-accounts/${account.id}/slots`),
    [account.id],
  );
  const [rows, setRows] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (slots.data) setRows(slots.data.slots.map(slotRow));
  }, [slots.data]);
  const editable = can('calendar.write');
  const save = useSubmit(async () => {
    setSaved(false);
    const body = { slots: rows.map((r) => ({ weekday: Number(r.weekday), time: r.time.trim() })) };
    const result = await api.put(`/api/social-accounts/${account.id}/slots`, body);
    setRows(result.slots.map(slotRow));
    setSaved(true);
  });
  const rowError = rowErrorOf(save.error);
  // An edit makes the last outcome stale: a row error could now point at another row.
  const edit = (update) => {
    setSaved(false);
    save.setError(null);
    setRows(update);
  };
  const change = (key, name) => (e) => {
    const value = e.currentTarget.value;
    edit((list) => list.map((r) => (r.key === key ? { ...r, [name]: value } : r)));
  };
  const remove = (key) => edit((list) => list.filter((r) => r.key !== key));
  const add = () => edit((list) => [...list, slotRow({ weekday: 1, time: '' })]);
  const weekdayOptions = WEEKDAYS.map((d) => ({ value: String(d), label: tEnum('weekday', d) }));
  return html`<section class="panel" aria-labelledby="slots-title">
    <h2 id="slots-title">${t('slots.title')}</h2>
    <p>${t('slots.intro')} ${zone && zoneLabel(zone)}</p>
    <${ErrorAlert} error=${slots.error} />
    ${!rows && !slots.error && html`<${SkeletonBlock} height="6rem" />`}
    ${rows && rows.length === 0 && html`<p>${t('slots.none')}</p>`}
    ${
      rows &&
      !editable &&
      rows.length > 0 &&
      html`<ul class="slot-list">
        ${rows.map((r) => html`<li key=${r.key}>${tEnum('weekday', r.weekday)} ${r.time}</li>`)}
      </ul>`
    }
    ${
      rows &&
      editable &&
      html`<form class="form" onSubmit=${save.submit} aria-label=${t('slots.title')}>
        <div aria-live="polite">
          ${saved && html`<${Alert} kind="success">${t('slots.saved')}<//>`}
        </div>
        ${
          rowError
            ? html`<${Alert} kind="danger" title=${t('error.checkInput')}>
                <p>${t('slots.rowProblem', { row: rowError.index + 1 })}</p>
              <//>`
            : html`<${ErrorAlert} error=${save.error} />`
        }
        <ul class="slot-rows">
          ${rows.map((r, index) => {
            const error = rowError?.index === index ? rowError : null;
            const label = t('slots.row', { row: index + 1 });
            return html`<li key=${r.key} class="slot-row">
              <fieldset>
                <legend>${label}</legend>
                <${SelectField}
                  label=${t('slots.weekday')}
                  value=${String(r.weekday)}
                  onChange=${change(r.key, 'weekday')}
                  options=${weekdayOptions}
                  error=${error?.field === 'weekday' ? error.message : null}
                />
                <${TextField}
                  label=${t('slots.time')}
                  hint=${t('slots.timeHint')}
                  inputmode="numeric"
                  autocomplete="off"
                  required
                  value=${r.time}
                  onInput=${change(r.key, 'time')}
                  error=${error && error.field !== 'weekday' ? error.message : null}
                />
                <div class="form-actions">
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    onClick=${() => remove(r.key)}
                  >
                    ${t('slots.remove', { row: index + 1 })}
                  </button>
                </div>
              </fieldset>
            </li>`;
          })}
        </ul>
        <div class="form-actions">
          <button type="button" class="btn btn-secondary" onClick=${add}>${t('slots.add')}</button>
          <${SubmitButton}
            busy=${save.busy}
            label=${t('slots.save')}
            busyLabel=${t('common.saving')}
          />
        </div>
      </form>`
    }
  </section>`;
}

/**
 * The account's queued posts in slot order. Moving a post up or down (or shuffling) keeps the
 * slots and permutes the posts over them; the new position is announced in the live region
 * and focus stays on the button that was pressed, or its twin when that one ran out of room.
 */
function QueueList({ account }) {
  const queue = useResource(
    () => api.get(`/api/social-accounts/${account.id}/queue`),
    [account.id],
  );
  const [latest, setLatest] = useState(null);
  const [message, setMessage] = useState('');
  const [focus, setFocus] = useState(null);
  const items = latest ?? queue.data?.items;
  const editable = can('calendar.write');
  const move = useSubmit(async (index, step) => {
    const ids = items.map((item) => item.postId);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + step, 0, moved);
    const result = await api.post(`/api/social-accounts/${account.id}/queue/reorder`, {
      postIds: ids,
    });
    setLatest(result.items);
    const position = result.items.findIndex((item) => item.postId === moved) + 1;
    const title = result.items[position - 1]?.title ?? '';
    setMessage(t('queue.moved', { title, position, total: result.items.length }));
    setFocus({ postId: moved, step });
  });
  const shuffle = useSubmit(async () => {
    const result = await api.post(`/api/social-accounts/${account.id}/queue/shuffle`);
    setLatest(result.items);
    setMessage(t('queue.shuffled'));
  });
  useEffect(() => {
    if (!focus) return;
    const own = document.getElementById(`queue-${focus.step < 0 ? 'up' : 'down'}-${focus.postId}`);
    const twin = document.getElementById(`queue-${focus.step < 0 ? 'down' : 'up'}-${focus.postId}`);
    (own && !own.disabled ? own : twin)?.focus();
  }, [focus]);
  const columns = [
    { label: t('queue.position'), num: true },
    { label: t('queue.post') },
    { label: t('queue.slot') },
    ...(editable ? [{ label: t('queue.order') }] : []),
  ];
  return html`<section class="panel" aria-labelledby="queue-title">
    <h2 id="queue-title">${t('queue.title')}</h2>
    <p class="visually-hidden" aria-live="polite" role="status">${message}</p>
    <${ErrorAlert} error=${queue.error ?? move.error ?? shuffle.error} />
    ${
      editable &&
      items?.length > 1 &&
      html`<div class="form-actions">
        <button
          type="button"
          class="btn btn-secondary"
          disabled=${shuffle.busy}
          onClick=${(e) => shuffle.submit(e)}
        >
          ${t('queue.shuffle')}
        </button>
      </div>`
    }
    <${DataTable}
      caption=${t('queue.caption', { account: account.displayName })}
      columns=${columns}
      items=${items}
      loading=${queue.loading}
      row=${(item, index) =>
        html`<tr key=${item.postId}>
          <td class="num" data-label=${t('queue.position')}>${index + 1}</td>
          <th scope="row" data-label=${t('queue.post')}>
            <a href=${href(`/konten/${item.postId}`)}>${item.title}</a>
          </th>
          <td data-label=${t('queue.slot')}>${pickText(item.local.label)}</td>
          ${
            editable &&
            html`<td data-label=${t('queue.order')}>
              <div class="row-actions">
                <button
                  type="button"
                  id=${`queue-up-${item.postId}`}
                  class="btn btn-secondary btn-small"
                  disabled=${index === 0}
                  onClick=${(e) => move.submit(e, index, -1)}
                >
                  <span aria-hidden="true">↑ </span>${t('queue.up')}<span class="visually-hidden"
                    >${` “${item.title}”`}</span
                  >
                </button>
                <button
                  type="button"
                  id=${`queue-down-${item.postId}`}
                  class="btn btn-secondary btn-small"
                  disabled=${index === items.length - 1}
                  onClick=${(e) => move.submit(e, index, 1)}
                >
                  <span aria-hidden="true">↓ </span>${t('queue.down')}<span class="visually-hidden"
                    >${` “${item.title}”`}</span
                  >
                </button>
              </div>
            </td>`
          }
        </tr>`}
      empty=${{
        title: t('queue.empty'),
        text: t('queue.emptyHint'),
        action: html`<a class="btn btn-secondary" href=${href('/konten')}
          >${t('queue.toPosts')}</a
        >`,
      }}
    />
  </section>`;
}

/**
 * Slots and queue of one social account at a time, chosen in the selector (?akun= in the
 * route so the choice can be shared); the first account when none is chosen.
 */
export function QueueScreen({ route }) {
  const accounts = useResource(() => loadAll('/api/social-accounts'), []);
  const list = accounts.data;
  const account = list?.find((a) => a.id === route.query.akun) ?? list?.[0];
  const zone = currentInstitution()?.timeZone;
  return html`<${Page}
    title=${t('queue.screenTitle')}
    tabs=${html`<${CalendarTabs} current="queue" />`}
  >
    <p class="lead">${t('queue.intro')}</p>
    <${ErrorAlert} error=${accounts.error} />
    ${!list && !accounts.error && html`<${SkeletonBlock} height="4rem" />`}
    ${
      list &&
      list.length === 0 &&
      html`<${EmptyState}
        title=${t('queue.noAccounts')}
        action=${html`<a class="btn btn-secondary" href=${href('/publikasi')}>
          ${t('queue.toAccounts')}
        </a>`}
      />`
    }
    ${
      account &&
      html`<div class="filters">
          <${SelectField}
            label=${t('queue.account')}
            value=${account.id}
            onChange=${(e) => navigate(PATH, { akun: e.currentTarget.value })}
            options=${list.map((a) => ({
              value: a.id,
              label: `${a.displayName} (${NETWORK_NAMES[a.network] ?? a.network})`,
            }))}
          />
        </div>
        <div class="panels">
          <${SlotEditor} key=${`slots-${account.id}`} account=${account} zone=${zone} />
          <${QueueList} key=${`queue-${account.id}`} account=${account} />
        </div>`
    }
  <//>`;
}
