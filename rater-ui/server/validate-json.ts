import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type { z } from 'zod';

/** A JSON body validated by a zod schema; the first problem, with its field, is the 400 message. */
export function zodJson<S extends z.ZodType>(schema: S) {
  return validator('json', (value): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HTTPException(400, { message: `invalid request: ${field}${issue?.message ?? 'bad body'}` });
  });
}
