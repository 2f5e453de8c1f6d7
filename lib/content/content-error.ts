/** One thing wrong with one content file, named so an editor can fix it. */
export type ContentProblem = { file: string; field: string; message: string };

/**
 * Thrown while loading content, so that `next build` stops with a message
 * naming every broken file and field instead of publishing a half-broken article.
 */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

function formatProblems(problems: readonly ContentProblem[]): string {
  const byFile = new Map<string, ContentProblem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const lines = ['Invalid content:'];
  for (const [file, fileProblems] of byFile) {
    for (const { field, message } of fileProblems) lines.push(`  ${file}: ${field} ${message}`);
  }
  return lines.join('\n');
}

/** `['authors', 0, 'name']` → `authors[0].name`, the way an editor reads frontmatter. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, '');
}
