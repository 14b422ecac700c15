// The demo clinic's own script: the booking form only thanks the visitor (the clinic is fictional).
const form = document.querySelector('.booking-form');
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  form.querySelector('output').value = 'Спасибо! Мы перезвоним вам в ближайшее время.';
});
