// The review chunk (dist/widget/review-[hash].js, or a split chunk of `clinic-chat/widget`): registers <clinic-chat-review>.
import { ClinicChatReview } from './review-progress.ts';

if (!customElements.get('clinic-chat-review')) customElements.define('clinic-chat-review', ClinicChatReview);
