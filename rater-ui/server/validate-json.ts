import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { z } from 'zod';

/**
 * A JSON body validated by a zod schema; the first problem, with its field, is the message.
 * 400 for the rating API's machine-made bodies; 422 for a form a person filled in.
 */
export function zodJson<S extends z.ZodType>(schema: S, status: 400 | 422 = 400) {
  return validator('json', (value, c): z.output<S> => {
    // Hono reads no body that is not declared JSON, so the schema would see {} and name a missing field.
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? ''))
      throw new HTTPException(415, { message: 'send the body as JSON, with the header Content-Type: application/json' });
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HTTPException(status, { message: `invalid request: ${field}${issue?.message ?? 'bad body'}` });
  });
}
