/**
 * English messages of offline use (learner area): sw. (the app update prompt) and downloads. (downloading
 * courses and paths, the Downloads page, lessons that need the internet).
 */
export const enDownloads = {
  // sw.
  'sw.updateRegion': 'App update',
  'sw.updateReady': 'A new version of Satchel is ready.',
  'sw.updateNow': 'Update now',
  'sw.updateLater': 'Later',

  // downloads.
  'downloads.title': 'Downloads',
  'downloads.intro':
    'Courses on this device open without internet. Files are kept once for everyone who uses this device.',
  'downloads.empty': 'Nothing is downloaded yet. Open a course or a learning path and choose “Download”.',
  'downloads.courseHeading': 'Use offline',
  'downloads.pathHeading': 'Use offline',
  'downloads.courseSize': 'Size: {size}',
  'downloads.toFetch': '{size} to download',
  'downloads.free': '{free} free on this device',
  'downloads.freeUnknown': 'This browser does not say how much space is free.',
  'downloads.notEnoughRoom':
    'This needs {size}, but only {free} is free. Delete other downloads or choose less video.',
  'downloads.saver': 'Video',
  'downloads.saverFull': 'Best quality',
  'downloads.saverSmall': 'Smaller video (less data)',
  'downloads.saverNone': 'No video',
  'downloads.videoSkipped':
    '{count, plural, one {# video is left out: it needs the internet.} other {# videos are left out: they need the internet.}}',
  'downloads.start': 'Download ({size})',
  'downloads.measuring': 'Working out the size…',
  'downloads.progressLabel': 'Downloading {title}',
  'downloads.progress': '{done} of {total}',
  'downloads.stop': 'Stop',
  'downloads.resume': 'Resume the download',
  'downloads.paused': 'Paused: {done} of {total} downloaded.',
  'downloads.done': 'Downloaded: this course opens without internet.',
  'downloads.pathDone': 'Downloaded: these courses open without internet.',
  'downloads.onDevice': 'On this device',
  'downloads.updateAvailable': 'A new version is published ({size} to download). Your progress is kept.',
  'downloads.update': 'Download the new version',
  'downloads.delete': 'Delete',
  'downloads.deleteTitle': 'Delete {title} from this device?',
  'downloads.deleteHelp': 'You can download it again later. Your progress is kept.',
  'downloads.deleted': '{title} was deleted from this device.',
  'downloads.used': 'Downloads use {size} of this device.',
  'downloads.version': 'Version {version}',
  'downloads.open': 'Open {title}',
  'downloads.seeAll': 'All downloads',
  'downloads.errorQuota':
    'The device is full, or the browser refused more space. What was already downloaded is kept. Free some space, then resume.',
  'downloads.errorNetwork':
    'The connection was lost. What was downloaded so far is kept: resume when you are online again.',
  'downloads.errorServer': 'The server could not send this course. Try again later.',
  'downloads.errorIntegrity': 'A file arrived damaged several times. Try again later.',
  'downloads.errorSignedOut': 'Sign in again to download.',
  'downloads.errorNotFound': 'This course is no longer available.',
  'downloads.offline': 'You are offline. Connect to the internet to download.',
  'downloads.needsInternet': 'You are offline: this lesson needs the internet.',
} as const;
