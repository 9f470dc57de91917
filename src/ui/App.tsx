import ViewsArea from '../views/ViewsArea';

export default function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Shardscope</h1>
      </header>
      <main className="app-main">
        <ViewsArea />
      </main>
    </div>
  );
}
