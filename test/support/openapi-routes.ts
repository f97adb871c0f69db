/**
 * The app's routes as the OpenAPI document lists them, so the security harness covers every
 * route, including ones added after the harness was written.
 */
import { randomUUID } from 'node:crypto';
import { PERMISSION_EXTENSION } from '../../src/auth/auth.decorators';
import { Permission, Role, roleHas } from '../../src/auth/roles';
import type { TestApp } from './app';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type BodyKind = 'json' | 'multipart' | 'other' | 'none';

export interface ApiOperation {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. /api/products/{id}. */
  path: string;
  /** 'public' (no login), a permission, or null (any signed-in user). */
  permission: Permission | 'public' | null;
  pathParams: string[];
  body: BodyKind;
}

interface OperationObject {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, unknown> };
  [PERMISSION_EXTENSION]?: string;
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
}

const PERMISSIONS = new Set<string>(Object.values(Permission));

function bodyKind(operation: OperationObject): BodyKind {
  const types = Object.keys(operation.requestBody?.content ?? {});
  if (types.length === 0) return 'none';
  if (types.includes('application/json')) return 'json';
  return types.includes('multipart/form-data') ? 'multipart' : 'other';
}

function permissionOf(path: string, method: string, operation: OperationObject) {
  const value = operation[PERMISSION_EXTENSION];
  if (value === undefined) return null;
  if (value === 'public') return 'public';
  if (!PERMISSIONS.has(value)) {
    throw new Error(`${method.toUpperCase()} ${path}: unknown ${PERMISSION_EXTENSION} '${value}'`);
  }
  return value as Permission;
}

export async function loadOperations(t: TestApp): Promise<ApiOperation[]> {
  const res = await t.http().get('/api/docs-json');
  if (res.status !== 200) throw new Error(`GET /api/docs-json answered ${res.status}`);
  const document = res.body as OpenApiDocument;
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      operations.push({
        method,
        path,
        permission: permissionOf(path, method, operation),
        pathParams: [...new Set([...inPath, ...declared.map((p) => p.name)])],
        body: bodyKind(operation),
      });
    }
  }
  return operations;
}

export function label(operation: Pick<ApiOperation, 'method' | 'path'>): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

/** Replaces {param} placeholders; a param without a value gets a random UUID. */
export function fillPath(
  operation: ApiOperation,
  values: Readonly<Record<string, string>> = {},
): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? randomUUID()),
  );
}

/** The collection segment a path parameter belongs to: /api/products/{id}/archive, id → products. */
export function resourceOf(path: string, param: string): string | undefined {
  const segments = path.split('/');
  const index = segments.indexOf(`{${param}}`);
  const previous = index > 0 ? segments[index - 1] : undefined;
  return previous && !previous.startsWith('{') && previous !== 'api' ? previous : undefined;
}

export function isPublic(operation: ApiOperation): boolean {
  return operation.permission === 'public';
}

export function roleMayCall(role: Role, operation: ApiOperation): boolean {
  const { permission } = operation;
  return permission === null || permission === 'public' || roleHas(role, permission);
}

/** Reads before writes, deletes last: a wrongly allowed delete must not hide later checks. */
export function byMethodOrder(a: ApiOperation, b: ApiOperation): number {
  const rank = (o: ApiOperation) => ['get', 'post', 'put', 'patch', 'delete'].indexOf(o.method);
  return rank(a) - rank(b) || a.path.localeCompare(b.path);
}

/** Statuses that mean "the role passed the permission check" for a placeholder request. */
export function isAllowedOutcome(status: number): boolean {
  return (status >= 200 && status < 300) || [400, 404, 409, 413, 415, 422].includes(status);
}

/** Sends the operation; writes carry `body` (default: an empty JSON object). */
export function callOperation(
  t: TestApp,
  operation: ApiOperation,
  url: string,
  headers: Record<string, string>,
  body: object = {},
) {
  const request = t.http()[operation.method](url).set(headers);
  return operation.method === 'get' || operation.method === 'delete' ? request : request.send(body);
}
