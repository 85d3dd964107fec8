// "Numbers in order": the learner taps 1 to 10 in order. When the line is full the
// activity tells the Satchel player it is complete with a postMessage, the only
// contract between an HTML5 package and the player.
(function () {
  'use strict';
  var COUNT = 10;
  var line = document.getElementById('line');
  var pool = document.getElementById('pool');
  var prompt = document.getElementById('prompt');
  var done = document.getElementById('done');
  var again = document.getElementById('again');
  var next = 1;

  function shuffled(n) {
    var items = [];
    for (var i = 1; i <= n; i++) items.push(i);
    for (var j = items.length - 1; j > 0; j--) {
      var k = Math.floor(Math.random() * (j + 1));
      var t = items[j];
      items[j] = items[k];
      items[k] = t;
    }
    return items;
  }

  function complete() {
    done.hidden = false;
    again.hidden = false;
    prompt.textContent = '';
    again.focus();
    if (window.parent && window.parent !== window) {
      window.parent.postMessage({ type: 'satchel:complete' }, '*');
    }
  }

  function choose(button, value) {
    if (value !== next) {
      button.classList.remove('wrong');
      // Restart the animation: reading offsetWidth forces a reflow between the class changes.
      void button.offsetWidth;
      button.classList.add('wrong');
      prompt.textContent =
        next === 1
          ? 'Try again: which number comes first?'
          : 'Try again: which number comes after ' + (next - 1) + '?';
      return;
    }
    var slot = line.children[next - 1];
    slot.textContent = String(value);
    slot.classList.add('filled');
    button.remove();
    next += 1;
    if (next > COUNT) {
      complete();
    } else {
      prompt.textContent = 'Good! Now find ' + next + '.';
      var first = pool.querySelector('button');
      if (first && document.activeElement === document.body) first.focus();
    }
  }

  function start() {
    next = 1;
    line.textContent = '';
    pool.textContent = '';
    done.hidden = true;
    again.hidden = true;
    prompt.textContent = 'Tap the numbers from 1 to 10, in order.';
    for (var i = 0; i < COUNT; i++) {
      var slot = document.createElement('li');
      slot.setAttribute('aria-label', 'Place ' + (i + 1));
      line.appendChild(slot);
    }
    shuffled(COUNT).forEach(function (value) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(value);
      button.addEventListener('click', function () {
        choose(button, value);
      });
      pool.appendChild(button);
    });
  }

  again.addEventListener('click', start);
  start();
})();
