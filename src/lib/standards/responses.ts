/** Responses of the metadata endpoints: JSON as the project writes it (2-space, final newline). */
export function jsonResponse(value: unknown, type = 'application/json'): Response {
  return new Response(`${JSON.stringify(value, null, 2)}\n`, { headers: { 'content-type': `${type}; charset=utf-8` } });
}

export function textResponse(body: string, type: string): Response {
  return new Response(body, { headers: { 'content-type': `${type}; charset=utf-8` } });
}
