// The example site's page: a member signs in, connects Zoom and manages meetings, all through
// the gateway's GraphQL API with the typed documents of web/operations.ts.
import { execute, GatewayError } from './api.js';
import { nextFullHour, readDraft, restoreDraft, toMeetingInput } from './meeting-form.js';
import { renderMeetings } from './meeting-list.js';
import { describeError } from './messages.js';
import {
  AuthorizeUrlQuery,
  ConnectZoomMutation,
  CreateMeetingMutation,
  DeleteMeetingMutation,
  MeetingsQuery,
  ViewerQuery,
} from './operations.js';
import { demoSignIn, forgetToken, savedToken, saveToken } from './session.js';

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`the page lacks #${id}`);
  return element;
}

const ui = {
  notice: byId('notice', HTMLParagraphElement),
  problem: byId('problem', HTMLParagraphElement),
  who: byId('who', HTMLSpanElement),
  signOut: byId('sign-out', HTMLButtonElement),
  signIn: byId('sign-in', HTMLElement),
  demoForm: byId('demo-sign-in', HTMLFormElement),
  tokenForm: byId('token-sign-in', HTMLFormElement),
  zoom: byId('zoom', HTMLElement),
  zoomStatus: byId('zoom-status', HTMLParagraphElement),
  connect: byId('connect', HTMLButtonElement),
  schedule: byId('schedule', HTMLElement),
  meetingForm: byId('meeting-form', HTMLFormElement),
  meetings: byId('meetings', HTMLElement),
  list: byId('meeting-list', HTMLUListElement),
  count: byId('meeting-count', HTMLSpanElement),
};

function tell(text: string): void {
  ui.notice.textContent = text;
  ui.notice.hidden = false;
  ui.problem.hidden = true;
}

function warn(error: unknown): void {
  ui.problem.textContent = describeError(error);
  ui.problem.hidden = false;
  ui.notice.hidden = true;
}

/** Runs one action with its button disabled, and shows its error in words. */
async function busy(button: HTMLButtonElement | null, action: () => Promise<void>) {
  if (button) button.disabled = true;
  try {
    await action();
  } catch (error) {
    warn(error);
  } finally {
    if (button) button.disabled = false;
  }
}

function showSignedOut(): void {
  ui.who.textContent = '';
  ui.signOut.hidden = true;
  ui.signIn.hidden = false;
  for (const section of [ui.zoom, ui.schedule, ui.meetings]) section.hidden = true;
}

async function loadMeetings(): Promise<void> {
  const { meetings } = await execute(MeetingsQuery, { first: 50 });
  ui.count.textContent = `(${meetings.totalCount})`;
  renderMeetings(ui.list, meetings.nodes, (meeting, button) => {
    void busy(button, async () => {
      await execute(DeleteMeetingMutation, { id: meeting.id });
      tell(`Deleted “${meeting.topic ?? 'Untitled meeting'}”.`);
      await loadMeetings();
    });
  });
}

/** Shows who is signed in and their Zoom link, then their meetings when Zoom is linked. */
async function refresh(): Promise<void> {
  if (!savedToken()) return showSignedOut();
  const { viewer } = await execute(ViewerQuery);
  if (!viewer) {
    forgetToken();
    showSignedOut();
    return warn(new GatewayError('The member token is not valid', 'UNAUTHENTICATED'));
  }

  ui.who.textContent = `Signed in as ${viewer.email}`;
  ui.signOut.hidden = false;
  ui.signIn.hidden = true;
  ui.zoom.hidden = false;
  ui.schedule.hidden = false;

  const { connected } = viewer.zoomConnection;
  ui.zoomStatus.textContent = connected ? 'Zoom connected' : 'Zoom is not connected yet.';
  ui.zoomStatus.className = connected ? 'status connected' : 'status';
  ui.connect.textContent = connected ? 'Connect another Zoom account' : 'Connect Zoom';
  ui.meetings.hidden = !connected;
  if (connected) await loadMeetings();
}

/** Whether Zoom has just sent the member back here with `code` and `state`, or `error`. */
function returnedFromZoom(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has('code') || params.has('error');
}

/** Finishes connecting with what Zoom sent back, then takes code and state off the address. */
async function finishConnect(): Promise<void> {
  const params = new URLSearchParams(location.search);
  try {
    if (params.get('error')) {
      tell('Zoom was not connected: access was declined on Zoom’s page.');
      return;
    }
    const { connectZoom } = await execute(ConnectZoomMutation, {
      code: params.get('code') ?? '',
      state: params.get('state') ?? '',
    });
    restoreDraft(ui.meetingForm, connectZoom.state.options);
    tell('Your Zoom account is connected.');
  } catch (error) {
    warn(error);
  } finally {
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
  }
}

function wire(): void {
  // A member who came back from Zoom signed out finishes connecting right after signing in.
  const signIn = async (token: string) => {
    saveToken(token);
    if (returnedFromZoom()) await finishConnect();
    await refresh();
  };
  ui.demoForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const email = String(new FormData(ui.demoForm).get('email') ?? '');
    void busy(ui.demoForm.querySelector('button'), async () => signIn(await demoSignIn(email)));
  });
  ui.tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = String(new FormData(ui.tokenForm).get('token') ?? '').trim();
    void busy(ui.tokenForm.querySelector('button'), () => signIn(token));
  });
  ui.signOut.addEventListener('click', () => {
    forgetToken();
    ui.notice.hidden = true;
    showSignedOut();
  });

  // The draft goes to Zoom and back as the state's options, so nothing typed is lost.
  ui.connect.addEventListener('click', () => {
    void busy(ui.connect, async () => {
      const options = readDraft(ui.meetingForm);
      const { zoomAuthorizeUrl } = await execute(AuthorizeUrlQuery, { options });
      location.assign(zoomAuthorizeUrl);
    });
  });

  ui.meetingForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(byId('create', HTMLButtonElement), async () => {
      const input = toMeetingInput(readDraft(ui.meetingForm));
      const { createMeeting } = await execute(CreateMeetingMutation, { input });
      tell(`Created “${createMeeting.topic ?? 'Zoom meeting'}”.`);
      await loadMeetings();
    });
  });
}

async function start(): Promise<void> {
  const demo = document.body.dataset.signIn === 'demo';
  ui.demoForm.hidden = !demo;
  ui.tokenForm.hidden = demo;
  byId('start', HTMLInputElement).value = nextFullHour();
  wire();

  if (returnedFromZoom() && savedToken()) await finishConnect();
  if (returnedFromZoom() && !savedToken()) tell('Sign in to finish connecting Zoom.');
  await busy(null, refresh);
}

void start();
