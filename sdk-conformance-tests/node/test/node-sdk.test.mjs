// Drives the Descope emulator with Descope's official Node SDK (@descope/node-sdk), unchanged: the SDK is only
// pointed at the emulator through its `baseUrl` option, exactly as an app would point it at a Descope region.
//
// The emulator is started by the Maven build (NodeSdkConformanceTest), which passes:
//   DESCOPE_BASE_URL        e.g. http://127.0.0.1:41234
//   DESCOPE_PROJECT_ID      the emulated project
//   DESCOPE_MANAGEMENT_KEY  its management key
// Run by hand against `java -jar descope-emulator.jar --port 4500 --project-id ... --management-key ...`
// with the same variables set: `npm ci && node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import DescopeClient from '@descope/node-sdk';

const BASE_URL = requiredEnv('DESCOPE_BASE_URL').replace(/\/+$/, '');
const PROJECT_ID = requiredEnv('DESCOPE_PROJECT_ID');
const MANAGEMENT_KEY = requiredEnv('DESCOPE_MANAGEMENT_KEY');
const REDIRECT_URL = 'http://localhost:8080/descope/verify';

/** What the service answers when the link was already used / is unknown (the SDK passes it through). */
const LINK_NOT_FOUND = 'E063010';
/** Refresh JWT revoked by logout. */
const REVOKED = 'E064001';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through the Maven build (NodeSdkConformanceTest) or set it by hand`);
  }
  return value;
}

/** Everything the SDK logs at warn/error level: a failed license handshake or JWKS fetch shows up here. */
const sdkProblems = [];
const logger = {
  log() {},
  debug() {},
  info() {},
  warn: (...args) => sdkProblems.push(['warn', ...args]),
  error: (...args) => sdkProblems.push(['error', ...args]),
};

// One client for the whole app, as the SDK's README shows; the management key enables `management.*` and makes
// the SDK fetch GET /v1/mgmt/license at start-up.
const descope = DescopeClient({ projectId: PROJECT_ID, baseUrl: BASE_URL, managementKey: MANAGEMENT_KEY, logger });

// ---------------------------------------------------------------------------------------------------------------
// Emulator control routes (not part of the SDK: they play the mailbox and the operator).

async function control(method, path) {
  const response = await fetch(BASE_URL + path, {
    method,
    headers: method === 'GET' ? {} : { 'X-Emulator-Control': '1' },
  });
  const text = await response.text();
  assert.equal(response.status, 200, `${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** The newest message the emulator "sent" to this address. */
async function latestMessageTo(address) {
  const messages = await control('GET', `/emulator/outbox?to=${encodeURIComponent(address)}`);
  assert.ok(Array.isArray(messages) && messages.length > 0, `the emulator sent nothing to ${address}`);
  return messages[0];
}

/** The `t` query parameter of a link, as the app's redirect page reads it. */
function tokenOf(url) {
  assert.ok(url.startsWith(REDIRECT_URL + '?'), `link ${url} does not lead to ${REDIRECT_URL}`);
  const token = new URL(url).searchParams.get('t');
  assert.ok(token, `link ${url} has no t parameter`);
  return token;
}

async function requestCount(endpoint) {
  const counts = await control('GET', '/emulator/requests');
  return counts.byEndpoint[endpoint] ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// SDK helpers

/** An SdkResponse must be ok; otherwise fail with what the emulator answered. */
function ok(response, what) {
  assert.ok(response, `${what}: no response`);
  assert.equal(response.ok, true,
    `${what} failed: HTTP ${response.code} ${JSON.stringify(response.error)}`);
  return response.data;
}

/** An SdkResponse must be an error with this Descope error code. */
function failsWith(response, errorCode, what) {
  assert.equal(response.ok, false, `${what} unexpectedly succeeded: ${JSON.stringify(response.data)}`);
  assert.equal(response.error?.errorCode, errorCode, `${what}: ${JSON.stringify(response.error)}`);
}

let userCounter = 0;

/** Creates a user through the SDK's management API, as an administrator would; returns { email, userId }. */
async function createUser(...roles) {
  const email = `node-user-${process.pid}-${++userCounter}@example.com`;
  const user = ok(await descope.management.user.create(email, {
    email,
    verifiedEmail: true,
    displayName: `Node ${email}`,
    roles,
  }), 'management.user.create'); // the SDK unwraps {"user": ...}
  assert.ok(user.userId, 'created user has no userId');
  assert.deepEqual(user.loginIds, [email]);
  assert.equal(user.email, email);
  assert.deepEqual(user.roleNames, roles);
  return { email, userId: user.userId };
}

/** The parts of a session JWT the SDK verified (signature with the JWKS key, exp, iss). */
async function validated(sessionJwt) {
  const info = await descope.validateSession(sessionJwt);
  assert.equal(info.jwt, sessionJwt);
  return info.token;
}

async function signInByMagicLink(email) {
  const sent = ok(await descope.magicLink.signIn.email(email, REDIRECT_URL), 'magicLink.signIn.email');
  assert.match(sent.maskedEmail, /\*/);
  const message = await latestMessageTo(email);
  assert.equal(message.links.length, 1, JSON.stringify(message));
  return ok(await descope.magicLink.verify(tokenOf(message.links[0].url)), 'magicLink.verify');
}

// ---------------------------------------------------------------------------------------------------------------

test('start-up: the SDK fetches the license with its management key and logs no problem', async () => {
  // The handshake is fired (not awaited) by DescopeClient(...); give it a moment.
  const deadline = Date.now() + 5000;
  while ((await requestCount('GET /v1/mgmt/license')) < 1 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok((await requestCount('GET /v1/mgmt/license')) >= 1, 'the SDK never called GET /v1/mgmt/license');
  assert.deepEqual(sdkProblems, []);
});

test('magic link sign-in, local session validation, refresh, me and logout', async () => {
  const { email, userId } = await createUser('admin');
  const jwtsBefore = await requestCount('GET /v2/keys/{projectId}');

  const auth = await signInByMagicLink(email);
  assert.ok(auth.sessionJwt && auth.refreshJwt, JSON.stringify(auth));
  assert.equal(auth.user.userId, userId);
  assert.deepEqual(auth.user.loginIds, [email]);
  assert.equal(auth.user.verifiedEmail, true);
  assert.equal(auth.firstSeen, true);
  assert.ok(auth.cookieMaxAge > 0);

  // validateSession verifies the JWT locally with the key it fetched from /v2/keys/{projectId}.
  const session = await validated(auth.sessionJwt);
  assert.equal(session.sub, userId);
  assert.equal(session.iss, PROJECT_ID);
  assert.ok(session.exp * 1000 > Date.now());
  assert.deepEqual(session.amr, ['email']);
  assert.equal(descope.validateRoles({ jwt: auth.sessionJwt, token: session }, ['admin']), true);
  assert.equal(descope.validateRoles({ jwt: auth.sessionJwt, token: session }, ['owner']), false);
  assert.deepEqual(descope.getJwtRoles(auth.sessionJwt), ['admin']);
  assert.equal(descope.isJwtExpired(auth.sessionJwt), false);
  assert.ok((await requestCount('GET /v2/keys/{projectId}')) > jwtsBefore, 'the SDK did not read the JWKS');
  await assert.rejects(descope.validateSession(auth.sessionJwt.slice(0, -4) + 'AAAA'), /session validation failed/);
  await assert.rejects(descope.validateSession(auth.refreshJwt + 'x'), /session validation failed/);

  // refreshSession validates the refresh JWT locally, calls POST /v1/auth/refresh and validates the new session.
  const refreshed = await descope.refreshSession(auth.refreshJwt);
  assert.equal(refreshed.token.sub, userId);
  assert.notEqual(refreshed.jwt, auth.sessionJwt);
  assert.equal(refreshed.refreshJwt, undefined, 'no rotation: the emulator leaves refreshJwt out, the app keeps its own');
  const raw = ok(await descope.refresh(auth.refreshJwt), 'refresh');
  assert.equal((await validated(raw.sessionJwt)).sub, userId);

  // validateAndRefreshSession falls back to the refresh JWT when the session JWT does not validate.
  const fallback = await descope.validateAndRefreshSession('not-a-jwt', auth.refreshJwt);
  assert.equal(fallback.token.sub, userId);

  const me = ok(await descope.me(auth.refreshJwt), 'me');
  assert.equal(me.userId, userId);
  assert.deepEqual(me.loginIds, [email]);
  assert.equal(me.email, email);
  assert.deepEqual(me.roleNames, ['admin']);

  ok(await descope.logout(auth.refreshJwt), 'logout');
  failsWith(await descope.refresh(auth.refreshJwt), REVOKED, 'refresh after logout');
  failsWith(await descope.me(auth.refreshJwt), REVOKED, 'me after logout');
  await assert.rejects(descope.refreshSession(auth.refreshJwt), /refresh token validation failed/);
  assert.deepEqual(sdkProblems.filter(([level]) => level === 'warn'), []);
});

test('a magic link works once; an unknown user gets no link', async () => {
  const { email } = await createUser();
  ok(await descope.magicLink.signIn.email(email, REDIRECT_URL), 'magicLink.signIn.email');
  const token = tokenOf((await latestMessageTo(email)).links[0].url);
  ok(await descope.magicLink.verify(token), 'first verify');
  failsWith(await descope.magicLink.verify(token), LINK_NOT_FOUND, 'second verify of the same token');

  failsWith(await descope.magicLink.signIn.email('nobody-node@example.com', REDIRECT_URL), 'E062108',
    'sign-in of an unknown user');
});

test('enchanted link sign-in: pending until the right link is verified, then the polled session', async () => {
  const { email, userId } = await createUser('editor');

  const sent = ok(await descope.enchantedLink.signIn(email, REDIRECT_URL), 'enchantedLink.signIn');
  assert.ok(sent.pendingRef, JSON.stringify(sent));
  assert.match(sent.linkId, /^\d+$/);
  assert.match(sent.maskedEmail, /\*/);

  // Not verified yet: the SDK keeps polling (its minimum interval is 1 s) until its timeout.
  const early = await descope.enchantedLink.waitForSession(sent.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 1500 });
  assert.equal(early.ok, false);
  assert.match(early.error.errorDescription, /timeout/);

  const message = await latestMessageTo(email);
  assert.equal(message.links.length, 3, JSON.stringify(message));
  const right = message.links.find((link) => link.linkId === sent.linkId);
  assert.ok(right, `no link numbered ${sent.linkId} in ${JSON.stringify(message.links)}`);
  const wrong = message.links.find((link) => link.linkId !== sent.linkId);

  // The app polls while the user opens the mail on another device.
  const polling = descope.enchantedLink.waitForSession(sent.pendingRef, { pollingIntervalMs: 1000, timeoutMs: 15000 });
  failsWith(await descope.enchantedLink.verify(tokenOf(wrong.url)), LINK_NOT_FOUND, 'verify of a wrong-number link');
  ok(await descope.enchantedLink.verify(tokenOf(right.url)), 'enchantedLink.verify');

  const auth = ok(await polling, 'enchantedLink.waitForSession');
  assert.ok(auth.sessionJwt && auth.refreshJwt, JSON.stringify(auth));
  assert.equal(auth.user.userId, userId);
  const session = await validated(auth.sessionJwt);
  assert.equal(session.sub, userId);
  assert.deepEqual(session.roles, ['editor']);
  assert.equal(ok(await descope.me(auth.refreshJwt), 'me').userId, userId);

  ok(await descope.logout(auth.refreshJwt), 'logout');
  failsWith(await descope.refresh(auth.refreshJwt), REVOKED, 'refresh after logout');
});

test('embedded link from the management API carries custom claims into the session', async () => {
  const { email, userId } = await createUser();
  const { token } = ok(await descope.management.user.generateEmbeddedLink(email, { plan: 'gold' }),
    'management.user.generateEmbeddedLink');
  const auth = ok(await descope.magicLink.verify(token), 'magicLink.verify of an embedded link');
  const session = await validated(auth.sessionJwt);
  assert.equal(session.sub, userId);
  assert.equal(session.plan, 'gold');
});

test('logoutAll revokes every session of the user', async () => {
  const { email } = await createUser();
  const first = await signInByMagicLink(email);
  const second = await signInByMagicLink(email);
  ok(await descope.logoutAll(second.refreshJwt), 'logoutAll');
  failsWith(await descope.refresh(first.refreshJwt), REVOKED, 'refresh of the other session after logoutAll');
  failsWith(await descope.refresh(second.refreshJwt), REVOKED, 'refresh after logoutAll');
});

test('after a key rotation the SDK fetches the JWKS again for the new kid', async () => {
  const { email, userId } = await createUser();
  const before = await signInByMagicLink(email);
  await validated(before.sessionJwt); // caches the current key
  const fetches = await requestCount('GET /v2/keys/{projectId}');

  await control('POST', '/emulator/keys/rotate');
  const after = await signInByMagicLink(email);
  assert.equal((await validated(after.sessionJwt)).sub, userId);
  assert.ok((await requestCount('GET /v2/keys/{projectId}')) > fetches, 'the SDK did not refetch the JWKS');
  assert.equal((await validated(before.sessionJwt)).sub, userId, 'old key is still published until retired');
});
