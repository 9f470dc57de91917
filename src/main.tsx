import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SimulatorProvider } from './store/react';
import App from './ui/App';
import './ui/theme.css';

document.documentElement.dataset.theme ??= 'light';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SimulatorProvider>
      <App />
    </SimulatorProvider>
  </StrictMode>,
);
