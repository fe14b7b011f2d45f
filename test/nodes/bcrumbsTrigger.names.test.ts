// One set of event names: the canvas subtitle, the Events options and the node creator's Triggers list
// (the options' `action`) all say "Incoming Message", never INCOMING_MESSAGE or "On incoming message".
import { BcrumbsTrigger } from '../../nodes/Bcrumbs/BcrumbsTrigger.node';
import { EVENTS_SUBTITLE, WEBHOOK_EVENTS } from '../../nodes/Bcrumbs/core/webhookEvents';

/** The subtitle is an n8n expression `={{ ... }}`: evaluate its body as n8n would, with $parameter. */
const subtitleFor = (events: unknown) =>
	new Function('$parameter', `return ${EVENTS_SUBTITLE.slice(3, -2)}`)({ events }) as string;

describe('Bcrumbs Trigger event names', () => {
	const description = new BcrumbsTrigger().description;
	const eventsProperty = description.properties.find((p) => p.name === 'events')!;

	it('the canvas subtitle shows the selected events by their display names', () => {
		expect(description.subtitle).toBe(EVENTS_SUBTITLE);
		expect(subtitleFor(['INCOMING_MESSAGE', 'MESSAGE_UPDATED_SMPP', 'ANY_EVENT'])).toBe(
			'Incoming Message, Message Updated (SMPP), Any Event',
		);
		expect(subtitleFor([])).toBe('');
		expect(subtitleFor(undefined)).toBe('');
		expect(subtitleFor(['SOMETHING_NEW'])).toBe('SOMETHING_NEW');
	});

	it('the node creator lists each event under the name the panel shows', () => {
		const options = eventsProperty.options as Array<{
			name: string;
			value: string;
			action?: string;
		}>;
		expect(options.map((o) => o.action)).toEqual(WEBHOOK_EVENTS.map((e) => e.name));
		expect(options.every((o) => o.action === o.name)).toBe(true);
	});

	it('the setup notice names the label without HTML-like placeholders that n8n would swallow', () => {
		const notice = description.properties.find((p) => p.name === 'notice')!.displayName;
		expect(notice).toContain('labelled "n8n: [workflow name] / [node name]"');
		// a link to the README is the one tag it carries
		expect(notice).toMatch(/<a href="https:\/\/[^"]+#bcrumbs-trigger" target="_blank">/);
		expect(notice.replace(/<a href="[^"]+" target="_blank">[^<]*<\/a>/g, '')).not.toMatch(
			/<[a-z]/i,
		);
		expect(description.eventTriggerDescription).toMatch(/bcrumbs/);
	});
});
