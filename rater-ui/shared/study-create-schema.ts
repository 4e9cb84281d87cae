// The study request schema is the domain's (core/types/study-request.ts): the CLI, the coordinator
// API and the form all validate with it. What follows are the coordinator page's response shapes.
export { StudyCreateSchema, type StudyCreateRequest } from '../../core/types/study-request.js';

/** The coordinator page's view of the store: the runs a study can be made from, and the studies. */
export interface CoordinatorOverview {
  runs: {
    id: string;
    status: string;
    createdAt: string;
    generations: number;
    generators: string[];
    sets: string[];
    categories: string[];
  }[];
  studies: {
    id: string;
    name: string;
    runId: string;
    mode: 'likert' | 'pairwise';
    status: 'open' | 'closed';
    createdAt: string;
    raters: number;
  }[];
}

/** A study made from the coordinator page: the private links (paths on this server), shown once. */
export interface StudyCreated {
  study: { id: string; name: string; mode: 'likert' | 'pairwise' };
  items: number;
  assignments: number;
  raters: { id: string; path: string }[];
  adminPath: string;
}
