import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './app/app';
import { createQueryClient } from './app/query-client';
import { createRoutes } from './app/routes';
import './app/styles.css';
import { consumeHashToken } from './lib/sign-in-state';

// Before anything renders, so a sign-in link never shows the sign-in screen.
consumeHashToken();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = createQueryClient();
createRoot(root).render(
  <StrictMode>
    <App router={createBrowserRouter(createRoutes(queryClient))} queryClient={queryClient} />
  </StrictMode>,
);
