export { FRONT_DESK_PEOPLE, FRONT_DESK_UNITS, personName } from './directory.js';
export { FRONT_DESK_DAY, type Step } from './front-desk-day.js';
export { acceptedEvent, completedEvent, type Matter } from './matter-events.js';
export { at, showTime } from './local-time.js';
export { DeskClock, FRONT_DESK_CONFIG, FRONT_DESK_PLUGINS, startFrontDeskKernel, type FrontDeskKernel } from './kernel-setup.js';
export { ON_TIME, percent, runFrontDesk, type ScoringBackend, type StepReport } from './front-desk.js';
export { embeddedBackend } from './embedded-backend.js';
export { runEmbeddedDemo, type EmbeddedDemoOptions } from './embedded-demo.js';
