<?xml version="1.0" encoding="UTF-8"?>
<!--
  _layout.xsl: the frame of every page: document head, skip link, header
  with the service name, user and language choice, and the main landmark.
  Page stylesheets import this one and supply templates for the <page>
  element in modes "title" (the page title) and "main" (the content).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="{page/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <!-- after a login at an identity provider: on to the page, in a
             navigation of this site's own, which carries its cookies -->
        <xsl:if test="page/continue/@href and not(page/continue/keep)">
          <meta http-equiv="refresh" content="0;url={page/continue/@href}"/>
        </xsl:if>
        <title>
          <xsl:apply-templates select="page" mode="title"/>
          <xsl:text> – Stafett</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/stafett.css"/>
      </head>
      <body>
        <a class="skip" href="#main"><xsl:value-of select="i:t('Skip to content')"/></a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="/">Stafett</a>
            <span class="tagline"><xsl:value-of select="i:t('From concern to coordinated help')"/></span>
            <nav class="lang" aria-label="{i:t('Language')}">
              <ul>
                <xsl:call-template name="lang-choice">
                  <xsl:with-param name="code" select="'nb'"/>
                  <xsl:with-param name="label" select="'Bokmål'"/>
                </xsl:call-template>
                <xsl:call-template name="lang-choice">
                  <xsl:with-param name="code" select="'nn'"/>
                  <xsl:with-param name="label" select="'Nynorsk'"/>
                </xsl:call-template>
                <xsl:call-template name="lang-choice">
                  <xsl:with-param name="code" select="'en'"/>
                  <xsl:with-param name="label" select="'English'"/>
                </xsl:call-template>
              </ul>
            </nav>
            <xsl:if test="page/user">
              <div class="who">
                <span>
                  <xsl:value-of select="page/user/@name"/>
                  <xsl:if test="page/user/@unit">
                    <xsl:text>, </xsl:text>
                    <xsl:value-of select="page/user/@unit"/>
                  </xsl:if>
                </span>
                <a href="/settings/email"><xsl:value-of select="i:t('E-mail notices')"/></a>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="csrf" value="{page/csrf}"/>
                  <input type="hidden" name="idem" value="{/page/idem}"/>
                  <button type="submit" class="link"><xsl:value-of select="i:t('Log out')"/></button>
                </form>
              </div>
            </xsl:if>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
          <xsl:apply-templates select="page/done"/>
          <xsl:apply-templates select="page" mode="main"/>
        </main>
        <footer class="wrap foot">
          <p><xsl:value-of select="i:t('Stafett keeps information about children. Everything you read and write is logged, and the guardians can see who has read their child’s log.')"/></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!--
    One language of the switch. The page's own address with its query
    (page/@query: what the reader was looking at) and another lang. On a
    form page (page/@form-id) it is a button of the form, so that what
    was typed goes along and comes back in the other language, unsaved.
  -->
  <xsl:template name="lang-choice">
    <xsl:param name="code"/>
    <xsl:param name="label"/>
    <li>
      <xsl:choose>
        <xsl:when test="/page/@lang = $code">
          <span lang="{$code}" aria-current="true"><xsl:value-of select="$label"/></span>
        </xsl:when>
        <xsl:when test="/page/@form-id">
          <button type="submit" form="{/page/@form-id}" name="_lang" value="{$code}" formnovalidate="formnovalidate" class="link" lang="{$code}">
            <xsl:value-of select="$label"/>
          </button>
        </xsl:when>
        <xsl:otherwise>
          <a lang="{$code}" hreflang="{$code}">
            <xsl:attribute name="href">
              <xsl:value-of select="/page/@path"/>
              <xsl:text>?</xsl:text>
              <xsl:if test="/page/@query">
                <xsl:value-of select="/page/@query"/>
                <xsl:text>&amp;</xsl:text>
              </xsl:if>
              <xsl:value-of select="concat('lang=', $code)"/>
            </xsl:attribute>
            <xsl:value-of select="$label"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!--
    What an action did, on the page it led to (resp_done_note), in a
    status region: what was done, then what happens next.
  -->
  <xsl:template match="done">
    <div class="receipt done" role="status">
      <h2>
        <xsl:choose>
          <xsl:when test="@code = 'close-requested'"><xsl:value-of select="i:t('You have asked for the relay log to be closed')"/></xsl:when>
          <xsl:when test="@code = 'concern-closed'"><xsl:value-of select="i:t('The concern is closed')"/></xsl:when>
          <xsl:when test="@code = 'concern-passed'"><xsl:value-of select="i:t('The concern is passed on')"/></xsl:when>
          <xsl:when test="@code = 'consent-recorded'"><xsl:value-of select="i:t('The consent is recorded')"/></xsl:when>
          <xsl:when test="@code = 'consent-withdrawn'"><xsl:value-of select="i:t('The consent is withdrawn')"/></xsl:when>
          <xsl:when test="@code = 'evaluation-saved'"><xsl:value-of select="i:t('The evaluation is saved')"/></xsl:when>
          <xsl:when test="@code = 'family-note-added'"><xsl:value-of select="i:t('What you wrote is in the log')"/></xsl:when>
          <xsl:when test="@code = 'form-saved'"><xsl:value-of select="i:t('The form is saved')"/></xsl:when>
          <xsl:when test="@code = 'draft-deleted'"><xsl:value-of select="i:t('The draft is deleted')"/></xsl:when>
          <xsl:when test="@code = 'handover-accepted'"><xsl:value-of select="i:t('You have taken over the relay log')"/></xsl:when>
          <xsl:when test="@code = 'handover-proposed'"><xsl:value-of select="i:t('The handover is proposed')"/></xsl:when>
          <xsl:when test="@code = 'handover-refused'"><xsl:value-of select="i:t('You have said no to the handover')"/></xsl:when>
          <xsl:when test="@code = 'handover-withdrawn'"><xsl:value-of select="i:t('The handover is withdrawn')"/></xsl:when>
          <xsl:when test="@code = 'level-decided'"><xsl:value-of select="i:t('The level is decided')"/></xsl:when>
          <xsl:when test="@code = 'log-closed'"><xsl:value-of select="i:t('The relay log is closed')"/></xsl:when>
          <xsl:when test="@code = 'measure-added'"><xsl:value-of select="i:t('The measure is added')"/></xsl:when>
          <xsl:when test="@code = 'meeting-planned'"><xsl:value-of select="i:t('The meeting is planned')"/></xsl:when>
          <xsl:when test="@code = 'minutes-final'"><xsl:value-of select="i:t('The minutes are final')"/></xsl:when>
          <xsl:when test="@code = 'minutes-saved'"><xsl:value-of select="i:t('The draft minutes are saved')"/></xsl:when>
          <xsl:when test="@code = 'note-added'"><xsl:value-of select="i:t('The entry is added to the log')"/></xsl:when>
          <xsl:when test="@code = 'birth-registered'"><xsl:value-of select="i:t('The birth is registered')"/></xsl:when>
          <xsl:when test="@code = 'role-appointed'"><xsl:value-of select="i:t('The role is appointed')"/></xsl:when>
          <xsl:when test="@code = 'language-saved'"><xsl:value-of select="i:t('The family’s language is saved')"/></xsl:when>
          <xsl:when test="@code = 'role-ended'"><xsl:value-of select="i:t('The role has ended')"/></xsl:when>
          <xsl:when test="@code = 'meeting-answered'"><xsl:value-of select="i:t('Your answer is sent')"/></xsl:when>
          <xsl:when test="@code = 'feedback-given'"><xsl:value-of select="i:t('Thank you for your feedback')"/></xsl:when>
          <xsl:when test="@code = 'expectant-named'"><xsl:value-of select="i:t('The expectant parent is named')"/></xsl:when>
          <xsl:when test="@code = 'participant-added'"><xsl:value-of select="i:t('The participant is added')"/></xsl:when>
          <xsl:when test="@code = 'participant-removed'"><xsl:value-of select="i:t('The participant is removed')"/></xsl:when>
          <xsl:when test="@code = 'scan-uploaded'"><xsl:value-of select="i:t('The signed consent is uploaded')"/></xsl:when>
          <xsl:when test="@code = 'person-added'"><xsl:value-of select="i:t('The person is added')"/></xsl:when>
          <xsl:when test="@code = 'person-saved'"><xsl:value-of select="i:t('The changes are saved')"/></xsl:when>
          <xsl:when test="@code = 'person-deactivated'"><xsl:value-of select="i:t('The person is deactivated')"/></xsl:when>
          <xsl:when test="@code = 'person-reactivated'"><xsl:value-of select="i:t('The person can log in again')"/></xsl:when>
          <xsl:when test="@code = 'unit-added'"><xsl:value-of select="i:t('The unit is added')"/></xsl:when>
          <xsl:when test="@code = 'unit-saved'"><xsl:value-of select="i:t('The changes to the unit are saved')"/></xsl:when>
          <xsl:when test="@code = 'team-added'"><xsl:value-of select="i:t('The team is added')"/></xsl:when>
          <xsl:when test="@code = 'team-saved'"><xsl:value-of select="i:t('The changes to the team are saved')"/></xsl:when>
          <xsl:when test="@code = 'team-member-added'"><xsl:value-of select="i:t('The person is in the team')"/></xsl:when>
          <xsl:when test="@code = 'team-member-removed'"><xsl:value-of select="i:t('The membership is ended')"/></xsl:when>
          <xsl:when test="@code = 'team-meeting-added'"><xsl:value-of select="i:t('The meeting is planned')"/></xsl:when>
          <xsl:when test="@code = 'agenda-put'"><xsl:value-of select="i:t('The concern is on the agenda')"/></xsl:when>
          <xsl:when test="@code = 'agenda-advised'"><xsl:value-of select="i:t('The team’s advice is saved')"/></xsl:when>
          <xsl:when test="@code = 'agenda-withdrawn'"><xsl:value-of select="i:t('The concern is taken off the agenda')"/></xsl:when>
          <xsl:when test="@code = 'referral-made'"><xsl:value-of select="i:t('The family is referred to the team')"/></xsl:when>
          <xsl:when test="@code = 'referral-in'"><xsl:value-of select="i:t('The family is taken in')"/></xsl:when>
          <xsl:when test="@code = 'referral-waiting'"><xsl:value-of select="i:t('The family is on the waiting list')"/></xsl:when>
          <xsl:when test="@code = 'referral-declined'"><xsl:value-of select="i:t('The referral is declined')"/></xsl:when>
          <xsl:when test="@code = 'referral-discussed'"><xsl:value-of select="i:t('The discussion is recorded')"/></xsl:when>
          <xsl:when test="@code = 'referral-ended'"><xsl:value-of select="i:t('The family has left the team')"/></xsl:when>
          <xsl:when test="@code = 'referral-withdrawn'"><xsl:value-of select="i:t('The referral is withdrawn')"/></xsl:when>
          <xsl:when test="@code = 'family-linked'"><xsl:value-of select="i:t('The siblings’ relay logs are linked')"/></xsl:when>
          <xsl:when test="@code = 'family-left'"><xsl:value-of select="i:t('The relay log is taken out of the family')"/></xsl:when>
        </xsl:choose>
      </h2>
      <p>
        <xsl:choose>
          <xsl:when test="@code = 'close-requested'"><xsl:value-of select="i:t('The holder has been told, and answers you in the log. Until then it stays open.')"/></xsl:when>
          <xsl:when test="@code = 'concern-closed'"><xsl:value-of select="i:t('Nothing more is done with it. If the worry comes back, write down a new concern.')"/></xsl:when>
          <xsl:when test="@code = 'concern-passed'"><xsl:value-of select="i:t('The people responsible for the child’s follow-up decide what happens next. You are told when they answer.')"/></xsl:when>
          <xsl:when test="@code = 'consent-recorded'"><xsl:value-of select="i:t('The services it names may now take part in the relay log. The guardians can read it and withdraw it at any time.')"/></xsl:when>
          <xsl:when test="@code = 'family-note-added'"><xsl:value-of select="i:t('The holder and everyone with access to the log can read it. The holder is also told by e-mail, if they have asked for it.')"/></xsl:when>
          <xsl:when test="@code = 'evaluation-saved'"><xsl:value-of select="i:t('It is in the relay log, and the guardians can read it. If the measure goes on, it has a new evaluation date.')"/></xsl:when>
          <xsl:when test="@code = 'form-saved'"><xsl:value-of select="i:t('Where it is sent, and whether it has arrived, is shown on this page.')"/></xsl:when>
          <xsl:when test="@code = 'consent-withdrawn'"><xsl:value-of select="i:t('From now on, nothing more is shared on the strength of this consent. What was shared before stays with those who got it. The holder of the relay log has been told.')"/></xsl:when>
          <xsl:when test="@code = 'draft-deleted'"><xsl:value-of select="i:t('Nobody can open it again.')"/></xsl:when>
          <xsl:when test="@code = 'handover-accepted'"><xsl:value-of select="i:t('You are now the holder: you plan the measures and meetings, and the guardians see your name. The former holder has been told.')"/></xsl:when>
          <xsl:when test="@code = 'handover-proposed'"><xsl:value-of select="i:t('The person you proposed has been told. You stay the holder until they say yes; if they say no, you are told.')"/></xsl:when>
          <xsl:when test="@code = 'handover-refused'"><xsl:value-of select="i:t('The holder has been told and stays the holder.')"/></xsl:when>
          <xsl:when test="@code = 'handover-withdrawn'"><xsl:value-of select="i:t('You are still the holder. The person you proposed has been told.')"/></xsl:when>
          <xsl:when test="@code = 'level-decided'"><xsl:value-of select="i:t('The decision is in the log, and the guardians can read it. Plan the next step below.')"/></xsl:when>
          <xsl:when test="@code = 'log-closed'"><xsl:value-of select="i:t('Nothing more can be written in it. The guardians can still read it until it is deleted.')"/></xsl:when>
          <xsl:when test="@code = 'measure-added'"><xsl:value-of select="i:t('It is in the list of measures, with its evaluation date. You are reminded when it is due.')"/></xsl:when>
          <xsl:when test="@code = 'meeting-planned'"><xsl:value-of select="i:t('It is in the list of meetings. Write the minutes from there when the meeting has been held.')"/></xsl:when>
          <xsl:when test="@code = 'minutes-final'"><xsl:value-of select="i:t('They are part of the relay log, and the guardians can read them. Its decisions and measures are in the log.')"/></xsl:when>
          <xsl:when test="@code = 'minutes-saved'"><xsl:value-of select="i:t('Only you can see the draft. Make the minutes final when they are ready.')"/></xsl:when>
          <xsl:when test="@code = 'note-added'"><xsl:value-of select="i:t('Everyone with access to the log can read it, the guardians too.')"/></xsl:when>
          <xsl:when test="@code = 'birth-registered'"><xsl:value-of select="i:t('The relay log goes on with the child’s name. With the identity number, the guardians the population register names can read it when they log in.')"/></xsl:when>
          <xsl:when test="@code = 'language-saved'"><xsl:value-of select="i:t('Where meetings and consents are planned, the log reminds everyone to book an interpreter when one is needed.')"/></xsl:when>
          <xsl:when test="@code = 'role-appointed' or @code = 'role-ended'"><xsl:value-of select="i:t('Everyone with access to the log sees who has which role, the family too.')"/></xsl:when>
          <xsl:when test="@code = 'meeting-answered'"><xsl:value-of select="i:t('It is shown by the meeting, and the relay holder is told. You can change it until the day of the meeting.')"/></xsl:when>
          <xsl:when test="@code = 'feedback-given'"><xsl:value-of select="i:t('It is counted with other families’ answers for the service, without your name or your child’s. Nobody can see what you answered.')"/></xsl:when>
          <xsl:when test="@code = 'expectant-named'"><xsl:value-of select="i:t('They read the relay log when they log in with ID-porten, until the birth is registered with the child’s number. The number is not shown anywhere.')"/></xsl:when>
          <xsl:when test="@code = 'participant-added'"><xsl:value-of select="i:t('They can now read the relay log and write in it. The guardians can see that they have access.')"/></xsl:when>
          <xsl:when test="@code = 'participant-removed'"><xsl:value-of select="i:t('They can no longer open the relay log.')"/></xsl:when>
          <xsl:when test="@code = 'scan-uploaded'"><xsl:value-of select="i:t('It is kept with the consent. The guardians and those with access to the log can open it.')"/></xsl:when>
          <xsl:when test="@code = 'person-added'"><xsl:value-of select="i:t('They can log in once someone with access to the server sets their password, with the command under Password below.')"/></xsl:when>
          <xsl:when test="@code = 'person-saved'"><xsl:value-of select="i:t('They apply from the person’s next request: a new role or unit changes what they can see at once.')"/></xsl:when>
          <xsl:when test="@code = 'person-deactivated'"><xsl:value-of select="i:t('They are logged out everywhere, their API tokens are revoked, and they cannot log in.')"/></xsl:when>
          <xsl:when test="@code = 'person-reactivated'"><xsl:value-of select="i:t('They log in with their password. If they need an API token, it is made on the server.')"/></xsl:when>
          <xsl:when test="@code = 'team-added'"><xsl:value-of select="i:t('Add its members below, and a leader who plans its meetings.')"/></xsl:when>
          <xsl:when test="@code = 'team-saved'"><xsl:value-of select="i:t('The teams’ pages show it from the next request.')"/></xsl:when>
          <xsl:when test="@code = 'team-member-added'"><xsl:value-of select="i:t('They see the team’s agenda from their next request, and the team on their start page.')"/></xsl:when>
          <xsl:when test="@code = 'team-member-removed'"><xsl:value-of select="i:t('They no longer see the team’s agenda or the concerns on it.')"/></xsl:when>
          <xsl:when test="@code = 'team-meeting-added'"><xsl:value-of select="i:t('Employees can now put their concerns on its agenda.')"/></xsl:when>
          <xsl:when test="@code = 'agenda-put'"><xsl:value-of select="i:t('The team’s members can read it without the child’s name. You are told when the team has given its advice.')"/></xsl:when>
          <xsl:when test="@code = 'agenda-advised'"><xsl:value-of select="i:t('It is in the concern’s timeline, and its author has been told.')"/></xsl:when>
          <xsl:when test="@code = 'agenda-withdrawn'"><xsl:value-of select="i:t('The team’s members can no longer read it.')"/></xsl:when>
          <xsl:when test="@code = 'referral-made'"><xsl:value-of select="i:t('The team’s leaders have been told. The family reads the referral in the relay log, and you are told what the team decides.')"/></xsl:when>
          <xsl:when test="@code = 'referral-in'"><xsl:value-of select="i:t('The team’s members the consent covers now take part in the relay log. The holder has been told.')"/></xsl:when>
          <xsl:when test="@code = 'referral-waiting' or @code = 'referral-declined'"><xsl:value-of select="i:t('It is in the relay log’s timeline, and the holder has been told.')"/></xsl:when>
          <xsl:when test="@code = 'referral-discussed'"><xsl:value-of select="i:t('It is in the relay log’s timeline as well: the family reads it.')"/></xsl:when>
          <xsl:when test="@code = 'referral-ended'"><xsl:value-of select="i:t('The members who took part because of the team no longer do.')"/></xsl:when>
          <xsl:when test="@code = 'referral-withdrawn'"><xsl:value-of select="i:t('The team no longer sees the family. The family reads it in the relay log.')"/></xsl:when>
          <xsl:when test="@code = 'family-linked'"><xsl:value-of select="i:t('Each log shows the siblings’ logs to those who may read them. A team counts the family once.')"/></xsl:when>
          <xsl:when test="@code = 'family-left'"><xsl:value-of select="i:t('The siblings’ logs no longer show this one, nor this one them.')"/></xsl:when>
          <xsl:when test="@code = 'unit-added'"><xsl:value-of select="i:t('Add the people who work there below. The forms show the unit within a minute.')"/></xsl:when>
          <xsl:when test="@code = 'unit-saved'"><xsl:value-of select="i:t('The forms show the change within a minute.')"/></xsl:when>
        </xsl:choose>
      </p>
    </div>
  </xsl:template>

  <!-- Dates: 31.03.2024 in Norwegian (bokmål and nynorsk), 2024-03-31 in English. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &lt; 10"><xsl:value-of select="$d"/></xsl:when>
      <xsl:when test="/page/@lang = 'en'"><xsl:value-of select="$d"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring($d, 9, 2), '.', substring($d, 6, 2), '.', substring($d, 1, 4), substring($d, 11))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
