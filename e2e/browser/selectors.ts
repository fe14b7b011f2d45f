// Every selector the browser suite uses on n8n's editor, in one place: a new n8n version that renames
// something is one edit here. data-test-id attributes first (n8n's own end-to-end tests rely on them).
const id = (testId: string) => `[data-test-id="${testId}"]`;

export const SEL = {
	signin: {
		email: 'input[type="email"]',
		password: 'input[type="password"]',
		submit: id('form-submit-button'),
	},
	canvas: {
		addFirstStep: id('canvas-plus-button'),
		anyNode: id('canvas-node'),
		node: (name: string) => `${id('canvas-node')}[data-node-name="${name}"]`,
		nodeSuccess: id('canvas-node-status-success'),
		executeWorkflow: id('execute-workflow-button'),
	},
	nodeCreator: {
		panel: id('node-creator'),
		search: id('node-creator-search-bar'),
		itemName: id('node-creator-item-name'),
		/** The app's actions panel: one row per trigger event and per action. */
		actionItem: `${id('node-creator')} ${id('node-creator-action-item')}, ${id('node-creator')} ${id('item-iterator-item')}`,
	},
	ndv: {
		panel: id('ndv'),
		close: id('ndv-close-button'),
		parameters: id('node-parameters'),
		listen: id('trigger-execute-button'),
		listening: id('trigger-listening'),
		output: id('output-panel'),
		itemsCount: id('ndv-items-count'),
		jsonView: id('radio-button-json'),
		credentialEdit: id('credential-edit-button'),
		webhookUrlsToggle: 'text=Webhook URLs',
		productionUrlTab: id('radio-button-production'),
		testUrlTab: id('radio-button-test'),
	},
	credential: {
		dialog: id('credential-edit-dialog'),
		modal: `[role="dialog"]:has(${id('credential-edit-dialog')}), [role="dialog"]${id('credential-edit-dialog')}`,
		field: id('credential-connection-parameter'),
		testSuccess: id('credentials-config-container-test-success'),
	},
	/** Where n8n keeps the theme choice ("light" | "dark" | "system"). */
	themeStorageKey: 'N8N_THEME',
	/** Icons of this package as the editor requests them. */
	packageIcons: 'img[src*="/icons/n8n-nodes-bcrumbs/"]',
	/** n8n's own wording, used where no test id exists. */
	text: {
		credentialTestOk: 'Connection tested successfully',
		/** the credential dialog's Save button (2.41 no longer puts its test id on the button) */
		save: 'Save',
		credentialTestFailed: 'Couldn’t connect with these settings',
		credentialTestDetails: 'More details',
	},
} as const;
