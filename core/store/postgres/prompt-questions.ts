import type pg from 'pg';
import type { PromptQuestionStore, PromptQuestionsKey, StoredPromptQuestions } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/prompt-question-rows.js';
import { pgConstraintError } from './connection.js';

const KEY = 'prompt_set_id = $1 AND prompt_set_version = $2 AND prompt_id = $3 AND language = $4 AND model = $5 AND template = $6';
const ORDER = 'ORDER BY prompt_set_id, prompt_set_version, prompt_id, language, model, template';

/** Generated questions in the Postgres store. */
export class PostgresPromptQuestions implements PromptQuestionStore {
  constructor(private readonly pool: pg.Pool) {}

  async putPromptQuestions(entry: Omit<StoredPromptQuestions, 'createdAt'>): Promise<{ created: boolean }> {
    const marks = rows.PROMPT_QUESTIONS_COLUMNS.split(',')
      .map((_, i) => `$${i + 1}`)
      .join(', ');
    try {
      const { rowCount } = await this.pool.query(
        `INSERT INTO prompt_questions (${rows.PROMPT_QUESTIONS_COLUMNS}) VALUES (${marks}) ON CONFLICT DO NOTHING`,
        rows.promptQuestionsParams(entry, isoNow()),
      );
      return { created: rowCount === 1 };
    } catch (e) {
      throw pgConstraintError(e, { foreignKey: `prompt set "${entry.promptSetId}" version ${entry.promptSetVersion} is not stored` });
    }
  }

  async getPromptQuestions(key: PromptQuestionsKey): Promise<StoredPromptQuestions | undefined> {
    const { rows: found } = await this.pool.query<rows.PromptQuestionsRow>(
      `SELECT * FROM prompt_questions WHERE ${KEY}`,
      rows.promptQuestionsKeyParams(key),
    );
    return found[0] && rows.toStoredPromptQuestions(found[0]);
  }

  async listPromptQuestions(filter: { promptSetId: string; promptSetVersion?: number }): Promise<StoredPromptQuestions[]> {
    const { rows: found } =
      filter.promptSetVersion === undefined
        ? await this.pool.query<rows.PromptQuestionsRow>(`SELECT * FROM prompt_questions WHERE prompt_set_id = $1 ${ORDER}`, [
            filter.promptSetId,
          ])
        : await this.pool.query<rows.PromptQuestionsRow>(
            `SELECT * FROM prompt_questions WHERE prompt_set_id = $1 AND prompt_set_version = $2 ${ORDER}`,
            [filter.promptSetId, filter.promptSetVersion],
          );
    return found.map(rows.toStoredPromptQuestions);
  }
}
