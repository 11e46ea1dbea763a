import { render } from 'preact';
import { App } from './app';
import { applyLang, langStore } from './i18n';
import { startRouter } from './router';
import { restoreSession } from './session';
import './styles.css';

applyLang(langStore.get());
startRouter();
void restoreSession();
render(<App />, document.getElementById('app') as HTMLElement);
