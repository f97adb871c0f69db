import { useEffect, useRef, useState } from 'preact/hooks';
import { Dialog, DialogActions } from '../components/dialog.js';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { ChoiceGroup, TextArea, TextField } from '../components/form.js';
import { Page, Tabs } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { isoWeeksBetween } from '../lib/calendar-dates.js';
import { formatDateTime, fromLocalInput, todayIn, zoneOffset } from '../lib/format.js';
import { fieldError, useResource, useSubmit } from '../lib/hooks.js';
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
      {
        href: href('/kalender/antrean'),
        label: t('queue.screenTitle'),
        current: current === 'queue',
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

const RESUME_CHOICES = [
  ['publish_now', 'resume.publishNow'],
  ['reschedule', 'resume.reschedule'],
  ['cancel', 'resume.cancel'],
];

/** One post that fell due while paused: publish now, reschedule (a local time) or cancel. */
function ResumeChoice({ post, index, choice, zone, error, onChange }) {
  const field = `decisions[${index}]`;
  return html`<li class="panel">
    <${ChoiceGroup}
      legend=${post.title}
      hint=${t('resume.wasDue', { time: formatDateTime(post.plannedAt, zone) })}
      type="radio"
      options=${RESUME_CHOICES.map(([value, key]) => ({ value, label: t(key) }))}
      value=${choice.action}
      error=${fieldError(error, `${field}.postId`, `${field}.action`)}
      onChange=${(action) => onChange({ ...choice, action })}
    />
    ${
      choice.action === 'reschedule' &&
      html`<${TextField}
        label=${t('resume.newTime', { zone: `${zone} ${zoneOffset(zone)}` })}
        type="datetime-local"
        required
        value=${choice.when}
        error=${fieldError(error, `${field}.plannedAt`)}
        onInput=${(e) => onChange({ ...choice, when: e.currentTarget.value })}
      />`
    }
  </li>`;
}

/**
 * Resuming: the admin decides for each post that fell due during the pause; reschedule times
 * are read in the institution's zone.
 */
function ResumeDialog({ open, onClose, onDone }) {
  const zone = currentInstitution()?.timeZone;
  const due = useResource(
    () => (open ? api.get('/api/publishing/pause/due') : Promise.resolve(null)),
    [open],
  );
  const [choices, setChoices] = useState({});
  const choiceOf = (postId) => choices[postId] ?? { action: 'publish_now', when: '' };
  const action = useSubmit(async () => {
    const posts = due.data?.items ?? [];
    const decisions = posts.map((post, index) => {
      const choice = choiceOf(post.postId);
      if (choice.action === 'reschedule' && !choice.when) {
        throw new ApiError(400, {
          field: `decisions[${index}].plannedAt`,
          message: t('resume.newTimeRequired'),
        });
      }
      return {
        postId: post.postId,
        action: choice.action,
        ...(choice.action === 'reschedule' ? { plannedAt: fromLocalInput(choice.when, zone) } : {}),
      };
    });
    await api.post('/api/publishing/resume', { decisions });
    onDone();
  });
  useEffect(() => {
    if (open) return;
    setChoices({});
    action.setError(null);
  }, [open]);
  const posts = due.data?.items;
  return html`<${Dialog} open=${open} title=${t('resume.title')} onClose=${onClose}>
    <form class="form" onSubmit=${action.submit} novalidate>
      <${ErrorAlert} error=${due.error ?? action.error} />
      ${!posts && html`<p role="status">${t('resume.loading')}</p>`}
      ${posts && posts.length === 0 && html`<p>${t('resume.none')}</p>`}
      ${
        posts &&
        posts.length > 0 &&
        html`<p>${t('resume.intro')}</p>
          <ul class="resume-posts">
            ${posts.map(
              (post, index) =>
                html`<${ResumeChoice}
                  key=${post.postId}
                  post=${post}
                  index=${index}
                  zone=${zone}
                  choice=${choiceOf(post.postId)}
                  error=${action.error}
                  onChange=${(choice) => {
                    action.setError(null);
                    setChoices((c) => ({ ...c, [post.postId]: choice }));
                  }}
                />`,
            )}
          </ul>`
      }
      <${DialogActions}
        busy=${action.busy || !posts}
        label=${t('resume.confirm')}
        busyLabel=${posts ? t('resume.resuming') : t('common.loading')}
        onCancel=${onClose}
      />
    </form>
  <//>`;
}

/**
 * While publishing is paused every screen of the calendar says so; admins pause and resume
 * here, deciding on resume what happens to the posts whose time passed during the pause.
 * onChange: the plan may have changed (posts rescheduled, cancelled or published).
 */
export function PauseBanner({ onChange }) {
  const state = useResource(() => api.get('/api/publishing/pause'), []);
  const [asking, setAsking] = useState(false);
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState(false);
  const admin = can('publishing.pause');
  const zone = currentInstitution()?.timeZone;
  const pause = state.data?.pauses[0];
  return html`<div class="pause-area">
    <${ErrorAlert} error=${state.error} />
    <div aria-live="polite">
      ${resumed && !state.data?.paused && html`<${Alert} kind="success">${t('resume.done')}<//>`}
    </div>
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
                <button type="button" class="btn btn-secondary" onClick=${() => setResuming(true)}>
                  ${t('pause.resume')}
                </button>
              </p>`
            }
          <//>`
        : state.data &&
          admin &&
          html`<p class="pause-action">
            <button
              type="button"
              class="btn btn-secondary"
              onClick=${() => {
                setResumed(false);
                setAsking(true);
              }}
            >
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
    <${ResumeDialog}
      open=${resuming}
      onClose=${() => setResuming(false)}
      onDone=${() => {
        setResuming(false);
        setResumed(true);
        state.reload();
        onChange?.();
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
/**
 * The view last chosen on a wide screen (week or month). A phone shows one day; back on a wide
 * screen, or when the calendar is drawn again, the chosen view returns.
 */
let wideView = 'timeGridWeek';

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
          initialView: narrow ? 'timeGridDay' : wideView,
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
          // A month cell is named by its date, which hides the posts drawn inside it from that
          // name (WCAG 2.5.3, label in name): let its day number and its posts speak instead.
          datesSet: ({ view }) => {
            if (!window.matchMedia(NARROW).matches) wideView = view.type;
          },
          dayCellDidMount: ({ el }) => {
            el.removeAttribute('aria-label');
            el.querySelector('[aria-hidden="true"]')?.removeAttribute('aria-hidden');
          },
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
      calendar.current?.changeView(media.matches ? 'timeGridDay' : wideView);
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
    <${PauseBanner} onChange=${() => setVersion((v) => v + 1)} />
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
