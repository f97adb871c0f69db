import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog, DialogActions } from '../components/dialog.js';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { TextArea, TextField } from '../components/form.js';
import { Page, Tabs } from '../components/page.js';
import { api } from '../lib/api.js';
import { isoWeeksBetween } from '../lib/calendar-dates.js';
import { formatDateTime, todayIn } from '../lib/format.js';
import { useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { langStore, pickText, t, tEnum } from '../lib/i18n.js';
import { loadFullCalendar } from '../lib/fullcalendar.js';
import { NETWORK_NAMES } from '../lib/posts.js';
import { href } from '../lib/router.js';
import { can, currentInstitution } from '../lib/session.js';

export function CalendarTabs({ current }) {
  return html`<${Tabs}
    label=${t('calendar.sections')}
    items=${[
      { href: href('/kalender'), label: t('calendar.title'), current: current === 'calendar' },
      {
        href: href('/kalender/rencana'),
        label: t('planning.title'),
        current: current === 'planning',
      },
      {
        href: href('/kalender/libur'),
        label: t('blackout.title'),
        current: current === 'blackouts',
      },
    ]}
  />`;
}

function PauseDialog({ open, onClose, onDone }) {
  const [reason, setReason] = useState('');
  const action = useSubmit(async () => {
    await api.post('/api/publishing/pause', { reason });
    onDone();
  });
  return html`<${Dialog} open=${open} title=${t('pause.title')} onClose=${onClose}>
    <form class="form" onSubmit=${action.submit}>
      <p>${t('pause.text')}</p>
      <${ErrorAlert} error=${action.error} />
      <${TextArea}
        label=${t('pause.reason')}
        value=${reason}
        required
        onInput=${(e) => setReason(e.currentTarget.value)}
      />
      <${DialogActions}
        busy=${action.busy}
        label=${t('pause.confirm')}
        busyLabel=${t('common.saving')}
        kind="danger"
        onCancel=${onClose}
      />
    </form>
  <//>`;
}

/**
 * While publishing is paused every screen of the calendar says so; admins pause and resume
 * here. Resuming publishes the posts whose time passed during the pause at once.
 */
export function PauseBanner() {
  const state = useResource(() => api.get('/api/publishing/pause'), []);
  const [asking, setAsking] = useState(false);
  const admin = can('publishing.pause');
  const resume = useSubmit(async () => {
    const due = await api.get('/api/publishing/pause/due');
    await api.post('/api/publishing/resume', {
      decisions: due.items.map((p) => ({ postId: p.postId, action: 'publish_now' })),
    });
    state.reload();
  });
  const zone = currentInstitution()?.timeZone;
  const pause = state.data?.pauses[0];
  return html`<div class="pause-area">
    <${ErrorAlert} error=${state.error ?? resume.error} />
    ${
      state.data?.paused
        ? html`<${Alert} kind="warning" title=${t('pause.banner')}>
            <p>
              ${pause.reason} · ${formatDateTime(pause.pausedAt, zone)}
              ${pause.national ? ` · ${t('pause.national')}` : ''}
            </p>
            ${
              admin &&
              !pause.national &&
              html`<p>
                <button
                  type="button"
                  class="btn btn-secondary"
                  disabled=${resume.busy}
                  onClick=${(e) => resume.submit(e)}
                >
                  ${t('pause.resume')}
                </button>
              </p>`
            }
          <//>`
        : state.data &&
          admin &&
          html`<p class="pause-action">
            <button type="button" class="btn btn-secondary" onClick=${() => setAsking(true)}>
              ${t('pause.button')}
            </button>
          </p>`
    }
    <${PauseDialog}
      open=${asking}
      onClose=${() => setAsking(false)}
      onDone=${() => {
        setAsking(false);
        state.reload();
      }}
    />
  </div>`;
}

/** Moving without a mouse: the same move, with a date and a time typed in. */
function MoveDialog({ entry, onClose, onMoved }) {
  const [date, setDate] = useState(entry?.local.date ?? '');
  const [time, setTime] = useState(entry?.local.time ?? '');
  const action = useSubmit(async () => {
    await api.post(`/api/calendar/posts/${entry.postId}/move`, {
      localDate: date,
      localTime: time,
    });
    onMoved(t('calendar.moved', { title: entry.title }));
  });
  return html`<${Dialog} open=${Boolean(entry)} title=${entry?.title ?? ''} onClose=${onClose}>
    ${
      entry &&
      html`<form class="form" onSubmit=${action.submit}>
        <p>
          ${NETWORK_NAMES[entry.network]} · ${entry.account.displayName} ·
          ${tEnum('post.status', entry.status)}
        </p>
        ${
          entry.warnings.length > 0 &&
          html`<${Alert} kind="warning">
            <ul>
              ${entry.warnings.map((w, i) => html`<li key=${i}>${pickText(w.message)}</li>`)}
            </ul>
          <//>`
        }
        <p><a href=${href(`/konten/${entry.postId}`)}>${t('calendar.openPost')}</a></p>
        <${ErrorAlert} error=${action.error} />
        ${
          can('calendar.write') &&
          html`<${TextField}
              label=${t('calendar.date')}
              type="date"
              value=${date}
              required
              onInput=${(e) => setDate(e.currentTarget.value)}
            />
            <${TextField}
              label=${t('calendar.time')}
              type="time"
              value=${time}
              required
              onInput=${(e) => setTime(e.currentTarget.value)}
            />
            <${DialogActions}
              busy=${action.busy}
              label=${t('calendar.move')}
              busyLabel=${t('common.saving')}
              onCancel=${onClose}
            />`
        }
      </form>`
    }
  <//>`;
}

/** Dark enough for white text (at least 4.5:1), and one per network to tell them apart. */
const NETWORK_COLOURS = { instagram: '#8a1f5c', facebook: '#1b4f9c', x: '#17212b' };
const NARROW = '(max-width: 760px)';

function toolbar(narrow) {
  return {
    start: 'prev,next today',
    center: 'title',
    end: narrow ? 'timeGridDay,timeGridWeek,dayGridMonth' : 'timeGridWeek,dayGridMonth',
  };
}

/** The entries of the ISO weeks FullCalendar shows, as its events, plus blackout days. */
async function loadRange(startDate, endDate) {
  const weeks = isoWeeksBetween(startDate, endDate);
  const views = await Promise.all(weeks.map((week) => api.get('/api/calendar/week', { week })));
  const events = [];
  const seenDays = new Set();
  for (const view of views) {
    for (const entry of view.entries) {
      events.push({
        id: entry.targetId,
        title: `${NETWORK_NAMES[entry.network]} · ${entry.title}`,
        // Floating local time: FullCalendar shows it as it is; drops are read the same way.
        start: `${entry.local.date}T${entry.local.time}`,
        allDay: false,
        editable: can('calendar.write') && ['approved', 'scheduled'].includes(entry.status),
        // FullCalendar 7 takes one class string (v6's classNames array is gone).
        className: [
          'cal-post',
          `cal-${entry.network}`,
          entry.warnings.length || entry.blackout ? 'cal-warn' : '',
        ].join(' '),
        color: NETWORK_COLOURS[entry.network],
        extendedProps: { entry },
      });
    }
    for (const day of view.days) {
      if (seenDays.has(day.date)) continue;
      seenDays.add(day.date);
      for (const b of day.blackouts) {
        events.push({
          id: `b-${b.id}-${day.date}`,
          start: day.date,
          allDay: true,
          display: 'background',
          title: b.label,
          className: 'cal-blackout',
        });
      }
    }
  }
  return events;
}

function FullCalendarView({ initialDate, onError, onOpen, onMessage, version }) {
  const element = useRef(null);
  const calendar = useRef(null);
  const [failed, setFailed] = useState(null);
  const lang = langStore.get();
  useEffect(() => {
    let live = true;
    loadFullCalendar().then(
      (FullCalendar) => {
        if (!live || !element.current) return;
        const narrow = window.matchMedia(NARROW).matches;
        calendar.current = new FullCalendar.Calendar(element.current, {
          initialView: narrow ? 'timeGridDay' : 'timeGridWeek',
          initialDate,
          locale: lang === 'id' ? 'id' : 'en-gb',
          firstDay: 1,
          height: 'auto',
          nowIndicator: true,
          slotMinTime: '06:00:00',
          slotMaxTime: '22:00:00',
          allDaySlot: false,
          headerToolbar: toolbar(narrow),
          eventStartEditable: true,
          eventDurationEditable: false,
          defaultTimedEventDuration: '00:30',
          events: (info, success, failure) => {
            loadRange(info.startStr.slice(0, 10), info.endStr.slice(0, 10)).then(
              success,
              (error) => {
                onError(error);
                failure(error);
              },
            );
          },
          eventClick: (info) => {
            info.jsEvent.preventDefault();
            if (info.event.extendedProps.entry) onOpen(info.event.extendedProps.entry);
          },
          eventDrop: (info) => {
            const entry = info.event.extendedProps.entry;
            api
              .post(`/api/calendar/posts/${entry.postId}/move`, {
                // startStr is the shown (floating) time: "2026-12-02T10:00:00…".
                localDate: info.event.startStr.slice(0, 10),
                localTime: info.event.startStr.slice(11, 16),
              })
              .then(
                () => {
                  onMessage(t('calendar.moved', { title: entry.title }));
                  calendar.current?.refetchEvents();
                },
                (error) => {
                  info.revert();
                  onError(error);
                },
              );
          },
        });
        calendar.current.render();
      },
      (error) => live && setFailed(error),
    );
    // A phone shows one day: seven columns of a week are too narrow to tap.
    const media = window.matchMedia(NARROW);
    const fit = () => {
      calendar.current?.setOption('headerToolbar', toolbar(media.matches));
      calendar.current?.changeView(media.matches ? 'timeGridDay' : 'timeGridWeek');
    };
    media.addEventListener('change', fit);
    return () => {
      media.removeEventListener('change', fit);
      live = false;
      calendar.current?.destroy();
      calendar.current = null;
    };
  }, [lang]);
  useEffect(() => {
    if (version > 0) calendar.current?.refetchEvents();
  }, [version]);
  return html`<div>
    <${ErrorAlert} error=${failed} />
    <div class="calendar-host" ref=${element} />
  </div>`;
}

/** Week and month views; drag a post to another day or time, or open it to move it by keyboard. */
export function CalendarScreen({ route }) {
  const zone = currentInstitution()?.timeZone;
  const [error, setError] = useState(null);
  const [message, setMessage] = useState(null);
  const [open, setOpen] = useState(null);
  const [version, setVersion] = useState(0);
  const initialDate = route.query.date || todayIn(zone);
  const show = (text) => {
    setError(null);
    setMessage(text);
  };
  return html`<${Page}
    title=${t('calendar.title')}
    tabs=${html`<${CalendarTabs} current="calendar" />`}
  >
    <${PauseBanner} />
    <p class="lead">${t('calendar.intro')}</p>
    <div class="calendar-messages" aria-live="polite">
      ${message && html`<${Alert} kind="success">${message}<//>`}
      <${ErrorAlert} error=${error} title=${t('calendar.moveRefused')} />
    </div>
    <${FullCalendarView}
      initialDate=${initialDate}
      version=${version}
      onError=${(e) => {
        setMessage(null);
        setError(e);
      }}
      onOpen=${setOpen}
      onMessage=${show}
    />
    ${
      open &&
      html`<${MoveDialog}
        entry=${open}
        onClose=${() => setOpen(null)}
        onMoved=${(text) => {
          setOpen(null);
          show(text);
          setVersion((v) => v + 1);
        }}
      />`
    }
  <//>`;
}
