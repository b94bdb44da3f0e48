import type { WebMeetingsQuery } from './gql/graphql.js';

type ListedMeeting = WebMeetingsQuery['meetings']['nodes'][number];

/** Called with the meeting whose Delete button was pressed, and that button. */
export type DeleteHandler = (meeting: ListedMeeting, button: HTMLButtonElement) => void;

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function item(meeting: ListedMeeting, onDelete: DeleteHandler): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'meeting';
  li.dataset.meetingId = meeting.id;

  const title = document.createElement('strong');
  title.textContent = meeting.topic ?? 'Untitled meeting';
  const details = document.createElement('span');
  details.className = 'details';
  const start = meeting.startTime ? when.format(new Date(meeting.startTime)) : 'No fixed time';
  details.textContent = `${start} · ${meeting.duration ?? '?'} min · ID ${meeting.id}`;

  const actions = document.createElement('span');
  actions.className = 'actions';
  if (meeting.joinUrl) {
    const join = document.createElement('a');
    join.href = meeting.joinUrl;
    join.target = '_blank';
    join.rel = 'noopener noreferrer';
    join.textContent = 'Join link';
    actions.append(join);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'secondary';
  remove.textContent = 'Delete';
  remove.addEventListener('click', () => onDelete(meeting, remove));
  actions.append(remove);

  li.append(title, details, actions);
  return li;
}

/** Shows the member's meetings, each with its join link and a Delete button. */
export function renderMeetings(
  list: HTMLUListElement,
  meetings: ListedMeeting[],
  onDelete: DeleteHandler,
): void {
  if (meetings.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No upcoming meetings.';
    list.replaceChildren(empty);
    return;
  }
  list.replaceChildren(...meetings.map((meeting) => item(meeting, onDelete)));
}
