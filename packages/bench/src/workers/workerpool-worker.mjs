// workerpool worker (thread or process): registers the shared task bodies by name.
import workerpool from 'workerpool';
import tasks from './tasks.cjs';

workerpool.worker({ ...tasks });
