import { langStore, t } from './i18n.js';

/** An API error: `message` is the server's text in the user's language. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || t('error.generic', { status }));
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? null;
    this.field = body?.field ?? null;
    this.details = body?.details ?? null;
  }
}

let institutionId = null;
let onUnauthenticated = () => {};

/** National roles act on one institution by sending its id with every call. */
export function setApiInstitution(id) {
  institutionId = id;
}

export function onSessionLost(handler) {
  onUnauthenticated = handler;
}

function headers(extra = {}) {
  const result = { Accept: 'application/json', 'Accept-Language': langStore.get(), ...extra };
  if (institutionId) result['X-Institution-Id'] = institutionId;
  return result;
}

export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function failed(status, body, path) {
  // A lapsed session anywhere but the login form itself sends the user back to log in.
  if (status === 401 && path !== '/api/auth/login') onUnauthenticated();
  return new ApiError(status, body);
}

async function request(method, path, { body, query } = {}) {
  const init = { method, headers: headers(), credentials: 'same-origin' };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(withQuery(path, query), init);
  } catch {
    throw new ApiError(0, { message: t('error.network') });
  }
  const data = await readBody(response);
  if (!response.ok) throw failed(response.status, data, path);
  return data;
}

/**
 * Multipart upload with progress: fetch cannot report upload progress, XMLHttpRequest can.
 * onProgress gets a fraction from 0 to 1.
 */
function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(failed(xhr.status, data, path));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { message: t('error.network') })));
    xhr.send(form);
  });
}

/** Fetches a file with the session and the institution header, then saves it. */
async function download(path, query, filename) {
  let response;
  try {
    response = await fetch(withQuery(path, query), {
      headers: headers({ Accept: '*/*' }),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { message: t('error.network') });
  }
  if (!response.ok) throw failed(response.status, await readBody(response), path);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { headers: response.headers, size: blob.size };
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body) => request('POST', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path) => request('DELETE', path),
  upload,
  download,
};
