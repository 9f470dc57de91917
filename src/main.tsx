import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Placeholder shell: the app (issue 5) replaces this.
function App() {
  return <h1>Shardscope</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
