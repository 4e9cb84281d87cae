import type { PromptQuestionStore, PromptQuestionsKey, StoredPromptQuestions } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/prompt-question-rows.js';
import { constraintError, type Statements } from './statements.js';

const KEY = 'prompt_set_id = ? AND prompt_set_version = ? AND prompt_id = ? AND language = ? AND model = ? AND template = ?';
const ORDER = 'ORDER BY prompt_set_id, prompt_set_version, prompt_id, language, model, template';

/** Generated questions in the SQLite store. */
export class SqlitePromptQuestions implements PromptQuestionStore {
  constructor(private readonly sql: Statements) {}

  async putPromptQuestions(entry: Omit<StoredPromptQuestions, 'createdAt'>): Promise<{ created: boolean }> {
    const marks = rows.PROMPT_QUESTIONS_COLUMNS.split(',')
      .map(() => '?')
      .join(', ');
    try {
      const n = this.sql.run(
        `INSERT INTO prompt_questions (${rows.PROMPT_QUESTIONS_COLUMNS}) VALUES (${marks}) ON CONFLICT DO NOTHING`,
        ...rows.promptQuestionsParams(entry, isoNow()),
      );
      return { created: n === 1 };
    } catch (e) {
      throw constraintError(e, { foreignKey: `prompt set "${entry.promptSetId}" version ${entry.promptSetVersion} is not stored` });
    }
  }

  async getPromptQuestions(key: PromptQuestionsKey): Promise<StoredPromptQuestions | undefined> {
    const row = this.sql.get<rows.PromptQuestionsRow>(`SELECT * FROM prompt_questions WHERE ${KEY}`, ...rows.promptQuestionsKeyParams(key));
    return row && rows.toStoredPromptQuestions(row);
  }

  async listPromptQuestions(filter: { promptSetId: string; promptSetVersion?: number }): Promise<StoredPromptQuestions[]> {
    const found =
      filter.promptSetVersion === undefined
        ? this.sql.all<rows.PromptQuestionsRow>(`SELECT * FROM prompt_questions WHERE prompt_set_id = ? ${ORDER}`, filter.promptSetId)
        : this.sql.all<rows.PromptQuestionsRow>(
            `SELECT * FROM prompt_questions WHERE prompt_set_id = ? AND prompt_set_version = ? ${ORDER}`,
            filter.promptSetId,
            filter.promptSetVersion,
          );
    return found.map(rows.toStoredPromptQuestions);
  }
}
