/** A bare Hono hello-world on node-server: the baseline the chart endpoint is compared with. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.text('Hello'));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`running at http://127.0.0.1:${info.port}/`));
