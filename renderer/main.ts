performance.mark('hinge:app-start');
import 'katex/dist/katex.min.css';
import './styles.css';
import './app/hinge-app.js';
import { createHost } from './host/create-host.js';

const app = document.querySelector('hinge-app');
if (app) app.host = createHost();
