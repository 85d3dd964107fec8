import type { ViewerProps } from './viewer-types.js';
import { lazyViewer } from './lazy-viewer.js';

const VideoViewer = lazyViewer<ViewerProps<'video'>>(() => import('./media/VideoViewer.js'));
const AudioViewer = lazyViewer<ViewerProps<'audio'>>(() => import('./media/AudioViewer.js'));
const PdfViewer = lazyViewer<ViewerProps<'pdf'>>(() => import('./pdf/PdfViewer.js'));
const EpubViewer = lazyViewer<ViewerProps<'epub'>>(() => import('./epub/EpubViewer.js'));
const MarkdownViewer = lazyViewer<ViewerProps<'markdown'>>(() => import('./MarkdownViewer.js'));
const Html5Viewer = lazyViewer<ViewerProps<'html5'>>(() => import('./Html5Viewer.js'));
const LinkViewer = lazyViewer<ViewerProps<'link'>>(() => import('./LinkViewer.js'));
const QuizPlayer = lazyViewer<ViewerProps<'quiz'>>(() => import('./quiz/QuizPlayer.js'));
const ScormViewer = lazyViewer<ViewerProps<'scorm'>>(() => import('./scorm/ScormViewer.js'));
const H5pViewer = lazyViewer<ViewerProps<'h5p'>>(() => import('./h5p/H5pViewer.js'));
const Cmi5Viewer = lazyViewer<ViewerProps<'cmi5'>>(() => import('./cmi5/Cmi5Viewer.js'));

/** The viewer for the lesson's kind, each in a chunk of its own. */
export function LessonViewer(props: ViewerProps) {
  const { lesson } = props;
  switch (lesson.kind) {
    case 'video':
      return <VideoViewer {...props} lesson={lesson} />;
    case 'audio':
      return <AudioViewer {...props} lesson={lesson} />;
    case 'pdf':
      return <PdfViewer {...props} lesson={lesson} />;
    case 'epub':
      return <EpubViewer {...props} lesson={lesson} />;
    case 'markdown':
      return <MarkdownViewer {...props} lesson={lesson} />;
    case 'html5':
      return <Html5Viewer {...props} lesson={lesson} />;
    case 'link':
      return <LinkViewer {...props} lesson={lesson} />;
    case 'quiz':
      return <QuizPlayer {...props} lesson={lesson} />;
    case 'scorm':
      return <ScormViewer {...props} lesson={lesson} />;
    case 'h5p':
      return <H5pViewer {...props} lesson={lesson} />;
    case 'cmi5':
      return <Cmi5Viewer {...props} lesson={lesson} />;
  }
}
