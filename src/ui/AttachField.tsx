/**
 * Settings → Endpoint: attach the page to a running endpoint (`npm run serve`), or detach it.
 * Attaching loads the page with `?attach=<url>`: the session in this browser is saved first and
 * comes back when the page detaches.
 */
import { useState } from 'react';
import { addressWith, endpointOf } from '../app/attach/url';
import { useAttachment } from './AttachedBar';

export function AttachField() {
  const attachment = useAttachment();
  const [text, setText] = useState(attachment?.endpoint ?? 'http://127.0.0.1:4567');
  const [problem, setProblem] = useState<string | undefined>();
  const go = (endpoint: string | undefined) => location.assign(addressWith(location, endpoint));
  return (
    <form
      className="attach-form"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = endpointOf(text, location.href);
        if ('error' in parsed) setProblem(parsed.error);
        else go(parsed.url);
      }}
    >
      <label htmlFor="attach-url">Endpoint</label>
      <div className="attach-row">
        <input
          id="attach-url"
          type="url"
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(undefined);
          }}
          aria-describedby="attach-help"
          aria-invalid={problem !== undefined}
          data-testid="attach-url"
        />
        <button type="submit" className="primary">
          {attachment ? 'Attach there' : 'Attach'}
        </button>
        {attachment ? (
          <button type="button" onClick={() => go(undefined)} data-testid="detach">
            Detach
          </button>
        ) : null}
      </div>
      <p id="attach-help" className={problem ? 'error' : 'muted'} role={problem ? 'alert' : undefined}>
        {problem ??
          (attachment
            ? `Showing ${attachment.endpoint}: its engine's settings are the endpoint's own.`
            : 'Show a running endpoint’s stream (npm run serve) and send console calls to it.')}
      </p>
    </form>
  );
}
