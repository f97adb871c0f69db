/**
 * The cross-cutting security harness. Routes come from the app's own OpenAPI document, so a
 * route added later is covered without touching this file:
 * - role matrix: every route × every role → 401 without a session, 403 exactly when the role
 *   lacks the route's permission;
 * - isolation: every route with a path parameter, pointed at institution B's objects, answers
 *   404 to institution A's users;
 * - every JSON body refuses an unknown field, naming it.
 * Each check collects all failures and reports them together.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, ROLES, isNationalRole } from '../../src/auth/roles';
import { createTestApp, TestApp } from '../support/app';
import { makeInstitution, makeSessionToken, makeSignedInUser } from '../support/factories';
import {
  ApiOperation,
  byMethodOrder,
  callOperation,
  fillPath,
  isAllowedOutcome,
  isPublic,
  label,
  loadOperations,
  resourceOf,
  roleMayCall,
} from '../support/openapi-routes';
import { buildWorld, ISOLATION_BODIES, SignedInUser, World } from '../support/world';

const UNKNOWN_FIELD = 'karyaUnknownField';

/** Routes any signed-in user may call: their own session and password. */
const LOGIN_ONLY_ROUTES = ['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password'];

interface Answer {
  status: number;
  body: { code?: string; field?: string };
}

function describeAnswer(res: Answer): string {
  const field = res.body?.field ? ` (field ${res.body.field})` : '';
  return `${res.status}${res.body?.code ? ` ${res.body.code}` : ''}${field}`;
}

function report(title: string, failures: string[]): string {
  return failures.length === 0 ? '' : `${title}:\n  ${failures.join('\n  ')}`;
}

describe('security harness over every route in the OpenAPI document', () => {
  let t: TestApp;
  let operations: ApiOperation[];
  let institutionA: string;
  const usersA = new Map<Role, SignedInUser>();
  let world: World;

  /** Writes get a fresh session, so a route that ends sessions (logout) spoils nothing else. */
  async function authFor(
    user: SignedInUser,
    operation: ApiOperation,
  ): Promise<Record<string, string>> {
    const token =
      operation.method === 'get' ? user.token : await makeSessionToken(t.dataSource, user.id);
    return { Authorization: `Bearer ${token}` };
  }

  beforeAll(async () => {
    t = await createTestApp();
    operations = (await loadOperations(t)).sort(byMethodOrder);
    institutionA = (await makeInstitution(t.dataSource)).id;
    for (const role of ROLES) {
      const institutionId = isNationalRole(role) ? null : institutionA;
      usersA.set(role, await makeSignedInUser(t.dataSource, { role, institutionId }));
    }
    world = await buildWorld(t, operations);
  });
  afterAll(async () => t?.close());

  it('reads the routes from the OpenAPI document', () => {
    const labels = operations.map(label);
    expect(labels).toEqual(expect.arrayContaining(['GET /api/health', 'GET /api/audit']));
    expect(operations.find((o) => o.path === '/api/health')?.permission).toBe('public');
  });

  it('serves every non-public route under /api', () => {
    const outside = operations.filter((o) => !isPublic(o) && !o.path.startsWith('/api/'));
    expect(outside.map(label)).toEqual([]);
  });

  it('declares a permission on every route except the few meant for any signed-in user', () => {
    const undeclared = operations.filter((o) => o.permission === null).map(label);
    // A new route here needs @RequirePermission (or @Public), or a reason to join this list.
    expect(undeclared.filter((route) => !LOGIN_ONLY_ROUTES.includes(route))).toEqual([]);
  });

  it('answers 401 without a session on every non-public route', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => !isPublic(o))) {
      const res = await callOperation(t, operation, fillPath(operation), {});
      if (res.status !== 401) {
        failures.push(`${label(operation)} anonymous: expected 401, got ${describeAnswer(res)}`);
      }
    }
    expect(report('Routes open without a session', failures)).toBe('');
  });

  it('gives 403 exactly to the roles that lack the permission (role matrix)', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      const url = fillPath(operation);
      for (const role of ROLES) {
        const headers = await authFor(usersA.get(role)!, operation);
        const res = await callOperation(t, operation, url, headers);
        const allowed = roleMayCall(role, operation);
        if (allowed ? !isAllowedOutcome(res.status) : res.status !== 403) {
          const expected = allowed ? 'not 403 (2xx/400/404/409/413/415/422)' : '403';
          failures.push(
            `${label(operation)} as ${role} [${operation.permission ?? 'login only'}]: expected ${expected}, got ${describeAnswer(res)}`,
          );
        }
      }
    }
    expect(report('Role matrix violations', failures)).toBe('');
  }, 120_000); // ~900 requests: 15 s alone, more on a loaded machine

  it("answers 404 to institution A for every route pointed at institution B's objects", async () => {
    const failures: string[] = [];
    const callers: [string, SignedInUser][] = [
      ['A admin', usersA.get(Role.Admin)!],
      ['A staff', usersA.get(Role.Staff)!],
    ];
    for (const operation of operations.filter((o) => o.pathParams.length > 0 && !isPublic(o))) {
      const values: Record<string, string> = {};
      const missing: string[] = [];
      for (const param of operation.pathParams) {
        const segment = resourceOf(operation.path, param);
        const id = segment ? world.ids.get(segment) : undefined;
        if (id) values[param] = id;
        else {
          const gap = segment && world.gaps.get(segment);
          missing.push(`{${param}}${gap ? ` (${segment}: ${gap})` : ''}`);
        }
      }
      if (missing.length > 0) {
        failures.push(
          `no isolation fixture for ${operation.path}: add one to test/support/world.ts (${operation.method.toUpperCase()}; missing ${missing.join(', ')})`,
        );
        continue;
      }
      const url = fillPath(operation, values);
      const body = ISOLATION_BODIES[label(operation)];
      if (operation.method === 'get') {
        // The fixture must be real: its own institution can read it.
        const own = await callOperation(t, operation, url, await authFor(world.admin, operation));
        if (own.status !== 200) {
          failures.push(
            `${label(operation)} fixture check as B admin: expected 200, got ${describeAnswer(own)}`,
          );
        }
      }
      for (const [who, user] of callers) {
        // A role without the permission is refused before any lookup; that 403 tells nothing.
        const expected = roleMayCall(user.role, operation) ? 404 : 403;
        const res = await callOperation(t, operation, url, await authFor(user, operation), body);
        if (res.status !== expected) {
          const hint =
            res.status === 400 && !body
              ? ' — validation answered first: add a valid body to ISOLATION_BODIES'
              : '';
          failures.push(
            `${label(operation)} as ${who} on B's object: expected ${expected}, got ${describeAnswer(res)}${hint}`,
          );
        }
      }
    }
    expect(report('Isolation failures', failures)).toBe('');
  });

  it('refuses an unknown body field on every JSON write route, naming it', async () => {
    const failures: string[] = [];
    const candidates = [Role.Admin, Role.NationalAdmin, Role.Approver];
    for (const operation of operations.filter((o) => o.body === 'json')) {
      const role = candidates.find((r) => roleMayCall(r, operation));
      if (!role) {
        failures.push(`${label(operation)}: no role among ${candidates.join(', ')} may call it`);
        continue;
      }
      const headers = await authFor(usersA.get(role)!, operation);
      if (isNationalRole(role)) headers['X-Institution-Id'] = institutionA;
      const res = await callOperation(t, operation, fillPath(operation), headers, {
        [UNKNOWN_FIELD]: 'x',
      });
      if (res.status !== 400 || res.body?.field !== UNKNOWN_FIELD) {
        failures.push(
          `${label(operation)} as ${role}: expected 400 naming ${UNKNOWN_FIELD}, got ${describeAnswer(res)}`,
        );
      }
    }
    expect(report('Unknown fields not refused', failures)).toBe('');
  });
});
