// What a build does when a resource fails. Apart from the runner so the CLI can offer the
// choices without loading the deploy machinery (and nunjucks) at every start.
export const ON_FAILURE = ['error', 'rollback', 'ignore'] as const;
export type OnFailure = (typeof ON_FAILURE)[number];
