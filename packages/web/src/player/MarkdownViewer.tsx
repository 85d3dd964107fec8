import { useEffect, useMemo } from 'preact/hooks';
import { renderMarkdown } from './markdown.js';
import type { ViewerProps } from './viewer-types.js';

/** A text lesson. Reading it is opening it: it counts as complete once shown. */
export default function MarkdownViewer({ lesson, course, report }: ViewerProps<'markdown'>) {
  const html = useMemo(() => renderMarkdown(lesson.body), [lesson.body]);
  useEffect(() => report('completed'), [lesson.id]);
  return (
    <div
      class="markdown-body"
      lang={course.language}
      dir="auto"
      // Safe: renderMarkdown escapes raw HTML and keeps only harmless link and image addresses.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
